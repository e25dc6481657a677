// Generated from spec/legacy/customer-meterreadings.openapi.yaml by packages/simulator/scripts/generate.mjs (openapi-typescript); do not edit.
// Run `pnpm generate` after changing spec/ and commit the result; `pnpm generate:check` fails on stale files.
// biome-ignore-all lint: generated code
export interface components {
    schemas: {
        /** @description Body shared by most POST operations: `{"meteringPoints":{"meteringPoint":["571…","571…"]}}`. */
        MeteringPointsRequest: {
            meteringPoints?: components["schemas"]["MeteringPoints"];
        };
        /** @description List of metering point ids. */
        MeteringPoints: {
            /** @description 18-digit metering point ids (GSRN). Send at most 10 per request to stay clear of timeouts. */
            meteringPoint?: string[] | null;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds one item per requested metering point. */
        MeterDataReadingsDtoResponseListApiResponse: {
            /** @description Items, one per requested metering point. */
            result?: components["schemas"]["MeterDataReadingsDtoResponse"][] | null;
        };
        /** @description One item per requested metering point, holding its meter readings. Each item succeeds or fails on its own, so check `success` and `errorCode` on every item before using the payload. */
        MeterDataReadingsDtoResponse: {
            result?: components["schemas"]["MeterDataReadingsDto"] | null;
            /** @description true when this metering point was served; false when it failed. */
            success?: boolean;
            /**
             * Format: int32
             * @description Business code for this item, sent as a JSON number. 10000 means no error; other values are listed in spec/error-codes.json.
             */
            readonly errorCode?: number;
            /** @description Short name of the business code, e.g. `NoError`. */
            errorText?: string | null;
            /** @description The metering point id this item answers. Map items back to the request by this id, not by array position. */
            id?: string | null;
            /** @description Server-side diagnostic text. Normally null; do not parse it. */
            stackTrace?: string | null;
        };
        /** @description Meter readings of one metering point. */
        MeterDataReadingsDto: {
            /** @description The 18-digit metering point id. */
            meteringPointId?: string | null;
            /** @description The readings in the period. */
            readings?: components["schemas"]["MeterDataReadingDto"][] | null;
        };
        /** @description One register reading of a meter. */
        MeterDataReadingDto: {
            /** @description Date the meter was read. */
            readingDate?: string | null;
            /** @description Date the reading was registered in DataHub. */
            registrationDate?: string | null;
            /** @description Number of the physical meter. */
            meterNumber?: string | null;
            /** @description The register value, as a string. */
            meterReading?: string | null;
            /** @description Unit of the reading, e.g. `KWH`. */
            measurementUnit?: string | null;
        };
        /** @description RFC 7807 problem object. */
        ProblemDetails: {
            /** @description URI reference naming the problem type. */
            type?: string | null;
            /** @description Short human-readable summary. */
            title?: string | null;
            /**
             * Format: int32
             * @description HTTP status code repeated.
             */
            status?: number | null;
            /** @description Human-readable explanation of this occurrence. */
            detail?: string | null;
            /** @description URI reference for this occurrence. */
            instance?: string | null;
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
