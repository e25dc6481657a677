// Generated from spec/customer-api.openapi.yaml by packages/simulator/scripts/generate.mjs (openapi-typescript); do not edit.
// Run `pnpm generate` after changing spec/ and commit the result; `pnpm generate:check` fails on stale files.
// biome-ignore-all lint: generated code
export interface components {
    schemas: {
        /**
         * @description Body of most HTTP 400 answers on the live API: a bare JSON string, not an object. It starts with a five-digit business code, either as `#NNNNN: text` (e.g. `"#30002: Period not allowed, ToDate is equal to FromDate."`) or as `[NNNNN] text`. Extract the code with the regular expression `[#\[](\d{5})` and look it up in spec/error-codes.json. Not part of Energinet's published document.
         * @example #30002: Period not allowed, ToDate is equal to FromDate.
         */
        BusinessErrorString: string;
        /** @description RFC 7807 problem object. The live API uses it for 401, 403 and 404 (including endpoints that are documented but not deployed). Extra members may appear. */
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
            /** @description Server trace id. Sent on the wire although Energinet's document does not declare it; keep it for support requests. */
            traceId?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds a single string (a data access token, or a status text). */
        StringApiResponse: {
            /** @description The string value. */
            result?: string | null;
        };
        /** @description List of metering point ids. */
        MeteringPoints: {
            /** @description 18-digit metering point ids (GSRN). Send at most 10 per request to stay clear of timeouts. */
            meteringPoint?: string[] | null;
        };
        /** @description Body shared by most POST operations: `{"meteringPoints":{"meteringPoint":["571…","571…"]}}`. */
        MeteringPointsRequest: {
            meteringPoints?: components["schemas"]["MeteringPoints"];
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds one item per requested metering point. */
        MyEnergyDataMarketDocumentResponseListApiResponse: {
            /** @description Items, one per requested metering point. */
            result?: components["schemas"]["MyEnergyDataMarketDocumentResponse"][] | null;
        };
        /** @description One item per requested metering point, holding its time series document. Each item succeeds or fails on its own, so check `success` and `errorCode` on every item before using the payload. */
        MyEnergyDataMarketDocumentResponse: {
            MyEnergyData_MarketDocument?: components["schemas"]["MyEnergyDataMarketDocument"] | null;
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
        /** @description Time series document for one metering point. Key names contain dots and capitals and must be used verbatim. */
        MyEnergyDataMarketDocument: {
            /** @description Document id. */
            mRID?: string | null;
            /** @description When the document was created, ISO 8601 in UTC. */
            createdDateTime?: string | null;
            /** @description Sender name. Documented as "Energinet"; the live API sends an empty string. */
            "sender_MarketParticipant.name"?: string | null;
            "sender_MarketParticipant.mRID"?: components["schemas"]["EIC"];
            "period.timeInterval"?: components["schemas"]["PeriodtimeInterval"];
            /** @description Usually one series; profiled metering points can have a second one (business type A64). May be empty or missing when DataHub has no data for the period yet. */
            TimeSeries?: components["schemas"]["TimeSeries"][] | null;
        };
        /** @description Coded identification of a market participant. */
        EIC: {
            /** @description Coding scheme of `name`; A10 means a GS1 GLN. Documented as fixed `A10`, but the live API sends null. */
            codingScheme?: string | null;
            /** @description The participant's id. Documented as DataHub's GLN 5790001330583, but the live API sends null. */
            name?: string | null;
        };
        /** @description A half-open time interval in UTC (`start` inclusive, `end` exclusive). */
        PeriodtimeInterval: {
            /** @description Start instant, ISO 8601 in UTC, e.g. `2024-02-11T23:00:00Z` (midnight Danish winter time). */
            start?: string | null;
            /** @description End instant (exclusive), ISO 8601 in UTC. */
            end?: string | null;
        };
        /** @description Values of one metering point for one business type. */
        TimeSeries: {
            /** @description The 18-digit metering point id. */
            mRID?: string | null;
            /** @description A04 consumption, A01 production, A64 profiled consumption. */
            businessType?: string | null;
            /** @description Always A01: equal-length blocks, one per Point. */
            curveType?: string | null;
            /** @description Unit of the quantities, normally `KWH`. */
            "measurement_Unit.name"?: string | null;
            MarketEvaluationPoint?: components["schemas"]["MarketEvaluationPoint"];
            /** @description Blocks of values in time order. May be empty or missing when no data exists yet. */
            Period?: components["schemas"]["Period"][] | null;
        };
        /** @description The metering point a TimeSeries belongs to. */
        MarketEvaluationPoint: {
            mRID?: components["schemas"]["MarketEvaluationMeteringPoint"];
        };
        /** @description Coded metering point id. */
        MarketEvaluationMeteringPoint: {
            /** @description Coding scheme of `name`; A10 (GS1 GSRN). */
            codingScheme?: string | null;
            /** @description The 18-digit metering point id. */
            name?: string | null;
        };
        /** @description A block of consecutive values at one resolution. For PT15M, PT1H and daily data there is one Period per Danish local day; monthly and yearly data have one per month or year. */
        Period: {
            /**
             * @description Length of each Point. The live API sends `PT1D` for daily and `PT1Y` for yearly data where Energinet's document says `P1D` and `P1Y`; accept both. `PXD` is used for profiled quantities of varying length. Read it per Period: a meter can switch between PT1H and PT15M.
             * @enum {string|null}
             */
            resolution?: "PT15M" | "PT1H" | "PT1D" | "P1D" | "P1M" | "PT1Y" | "P1Y" | "PXD" | null;
            timeInterval?: components["schemas"]["PeriodtimeInterval"];
            /** @description The values. Their count follows from the interval: e.g. 23 or 25 hourly points on DST change days. */
            Point?: components["schemas"]["Point"][] | null;
        };
        /** @description One measured value within a Period. */
        Point: {
            /** @description 1-based position of the value within its Period, as a string ("1"…"96", up to "100" on the autumn DST day for quarter hours). Points may be missing, so key values by position, not by array index. */
            position?: string | null;
            /** @description The value as a decimal string with a dot and at most three decimals, e.g. `"0.13"`. Parse it locale-independently. */
            "out_Quantity.quantity"?: string | null;
            /** @description Quality code: A04 measured, A03 estimated, A02 not available (treat any quantity as unknown), A05 incomplete (an aggregate with a missing part), A01 adjusted (not used since February 2020). */
            "out_Quantity.quality"?: string | null;
        };
        /** @description A child metering point attached to a parent (e.g. a production meter). */
        ChildMeteringPointDto: {
            /** @description Id of the child metering point. */
            meteringPointId?: string | null;
            /** @description Id of its parent. */
            parentMeteringPointId?: string | null;
            /** @description Metering point type code of the child (D01–D99). */
            typeOfMP?: string | null;
            /** @description Reading resolution of the child: PT15M, PT1H, P1M or ANDET. */
            meterReadingOccurrence?: string | null;
            /** @description Number of the physical meter, if any. Empty values arrive as an empty string rather than null. */
            meterNumber?: string | null;
        };
        /** @description A contact address of the customer. Empty values arrive as an empty string rather than null. */
        ContactAddressDto: {
            /** @description First contact name. */
            contactName1?: string | null;
            /** @description Second contact name. */
            contactName2?: string | null;
            /** @description Kind of address: D01 technical, D04 juridical. */
            addressCode?: string | null;
            /** @description Street name. */
            streetName?: string | null;
            /** @description Building number. */
            buildingNumber?: string | null;
            /** @description Floor. */
            floorId?: string | null;
            /** @description Room or door. */
            roomId?: string | null;
            /** @description District or village name within the city. */
            citySubDivisionName?: string | null;
            /** @description Postcode. */
            postcode?: string | null;
            /** @description City name. */
            cityName?: string | null;
            /** @description Country name. */
            countryName?: string | null;
            /** @description Phone number. */
            contactPhoneNumber?: string | null;
            /** @description Mobile number. */
            contactMobileNumber?: string | null;
            /** @description E-mail address. */
            contactEmailAddress?: string | null;
            /** @description Unused; Energinet plans to remove it. */
            contactType?: string | null;
            /** @description Attention line (a person or c/o). */
            attention?: string | null;
            /** @description Post box. */
            postBox?: string | null;
            /**
             * @description Whether the address is protected. Sent as the text "True" or "False" (not a JSON boolean); may be an empty string.
             * @enum {string|null}
             */
            protectedAddress?: "True" | "False" | "" | null;
        };
        /** @description A subscription or fee on a metering point. Prices are DKK excluding VAT. Older data used `subscriptionId`/`feeId` instead of `priceId`. */
        MeteringPointChargeDto: {
            /** @description Id of the charge type. */
            priceId?: string | null;
            /** @description Name of the charge. */
            name?: string | null;
            /** @description Longer description of the charge. */
            description?: string | null;
            /** @description GLN of the charge owner (usually the grid company). */
            owner?: string | null;
            /** @description First day the price applies, ISO 8601 in UTC. */
            validFromDate?: string | null;
            /** @description Day the price stops applying, or null when open-ended. */
            validToDate?: string | null;
            /** @description Billing period of the price. Energinet documents "DAY" or "HOUR", but the wire sends ISO 8601 durations: `P1M` for subscriptions (per month), `P1D` for a flat tariff (one price for all hours), `PT1H` for an hourly tariff (24 positions) and possibly `PT15M` for quarter-hour tariffs (96 positions). Older data may still say `DAY`/`HOUR`. Treat unknown values as opaque. */
            periodType?: string | null;
            /**
             * Format: double
             * @description Price in DKK excluding VAT (per period).
             */
            price?: number;
            /**
             * Format: int32
             * @description Number of units charged (price × quantity).
             */
            quantity?: number;
        };
        /** @description A tariff on a metering point. Older data used `tariffId` instead of `priceId`. */
        MeteringPointTariffDto: {
            /** @description Id of the charge type. */
            priceId?: string | null;
            /** @description Name of the tariff. */
            name?: string | null;
            /** @description Longer description of the tariff. */
            description?: string | null;
            /** @description GLN of the tariff owner. */
            owner?: string | null;
            /** @description First day the prices apply, ISO 8601 in UTC. */
            validFromDate?: string | null;
            /** @description Day the prices stop applying, or null when open-ended. */
            validToDate?: string | null;
            /** @description Billing period of the price. Energinet documents "DAY" or "HOUR", but the wire sends ISO 8601 durations: `P1M` for subscriptions (per month), `P1D` for a flat tariff (one price for all hours), `PT1H` for an hourly tariff (24 positions) and possibly `PT15M` for quarter-hour tariffs (96 positions). Older data may still say `DAY`/`HOUR`. Treat unknown values as opaque. */
            periodType?: string | null;
            /** @description Prices by position; do not assume 24 entries. */
            prices?: components["schemas"]["MeteringPointTariffPriceDto"][] | null;
        };
        /** @description One price of a tariff. */
        MeteringPointTariffPriceDto: {
            /** @description 1-based slot within the day, as a string. For PT1H, position n is local hour n-1 ("1" = 00:00–01:00 Danish time); a P1D tariff has only position "1". */
            position?: string | null;
            /**
             * Format: double
             * @description Price in DKK per kWh excluding VAT.
             */
            price?: number;
        };
        /** @description Body of getChargeLinksWithCharges. */
        GetChargeLinksWithChargesRequest: {
            /** @description Metering points and ranges to query. */
            query?: components["schemas"]["GetChargeLinksWithChargesQueryItem"][] | null;
        };
        /** @description One metering point and date range to query. */
        GetChargeLinksWithChargesQueryItem: {
            /** @description The metering point id. */
            meteringPointId?: string | null;
            /**
             * Format: date-time
             * @description Start of the range.
             */
            from?: string;
            /**
             * Format: date-time
             * @description End of the range.
             */
            to?: string;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds the charge links and charges. */
        GetChargeLinksWithChargesResponseApiResponse: {
            result?: components["schemas"]["GetChargeLinksWithChargesResponse"];
        };
        /** @description Charge links per metering point plus the charges they use. */
        GetChargeLinksWithChargesResponse: {
            /** @description One result per queried metering point. */
            results?: components["schemas"]["GetChargeLinksWithChargesResultDto"][] | null;
            /** @description The charges referenced by the links. */
            chargeInformations?: components["schemas"]["ChargeInformationDto"][] | null;
        };
        /** @description Result for one queried metering point. */
        GetChargeLinksWithChargesResultDto: {
            /** @description The metering point id. */
            meteringPointId?: string | null;
            /** @description Error text when this metering point failed; null otherwise. */
            error?: string | null;
            /** @description Charges linked to the metering point. */
            chargeLinks?: components["schemas"]["ChargeLinkDto"][] | null;
        };
        /** @description Link between a metering point and a charge. */
        ChargeLinkDto: {
            /** @description The metering point id. */
            meteringPointId?: string | null;
            chargeIdentifier?: components["schemas"]["ChargeIdentifierDto"];
            /** @description Periods of the link. */
            chargeLinkPeriods?: components["schemas"]["ChargeLinkPeriodDto"][] | null;
        };
        /** @description A period during which a charge is linked to a metering point. */
        ChargeLinkPeriodDto: {
            /**
             * Format: date-time
             * @description Start of the link.
             */
            from?: string;
            /**
             * Format: date-time
             * @description End of the link; null when open-ended.
             */
            to?: string | null;
            /**
             * Format: int32
             * @description Multiplier applied to the charge.
             */
            factor?: number;
        };
        /** @description Identifies a charge. */
        ChargeIdentifierDto: {
            /** @description Charge code. */
            code?: string | null;
            /** @description GLN of the charge owner. */
            owner?: string | null;
            /** @description Charge type (subscription, fee or tariff). */
            type?: string | null;
        };
        /** @description A charge with its master data and prices. */
        ChargeInformationDto: {
            chargeIdentifier?: components["schemas"]["ChargeIdentifierDto"];
            /** @description Pricing category. */
            pricingCategory?: string | null;
            /** @description Resolution of the price series. */
            resolution?: string | null;
            /** @description Whether the charge is a tax. */
            taxIndicator?: boolean;
            /** @description Master data over time. */
            chargeInformationPeriods?: components["schemas"]["ChargeInformationPeriodDto"][] | null;
            /** @description Prices over time. */
            chargeSeriesPoints?: components["schemas"]["ChargeSeriesPointDto"][] | null;
        };
        /** @description Master data of a charge for a period. */
        ChargeInformationPeriodDto: {
            /**
             * Format: date-time
             * @description Start of the period.
             */
            from?: string;
            /**
             * Format: date-time
             * @description End of the period; null when open-ended.
             */
            to?: string | null;
            /** @description Name of the charge. */
            name?: string | null;
            /** @description Description of the charge. */
            description?: string | null;
            /** @description VAT classification code. */
            vatClassification?: string | null;
            /** @description Whether the charge is shown separately on invoices. */
            transparentInvoicing?: boolean;
        };
        /** @description A price valid for an interval. */
        ChargeSeriesPointDto: {
            /**
             * Format: date-time
             * @description Start of the interval.
             */
            from?: string;
            /**
             * Format: date-time
             * @description End of the interval.
             */
            to?: string;
            /**
             * Format: double
             * @description Price in DKK excluding VAT.
             */
            price?: number;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds a boolean (true when the operation succeeded). */
        BooleanApiResponse: {
            /** @description Outcome of the operation. */
            result?: boolean;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds one item per requested metering point. */
        StringResponseListApiResponse: {
            /** @description Items, one per requested metering point. */
            result?: components["schemas"]["StringResponse"][] | null;
        };
        /** @description One item per requested metering point, holding a status text. Each item succeeds or fails on its own, so check `success` and `errorCode` on every item before using the payload. */
        StringResponse: {
            /** @description Status text for this metering point. */
            result?: string | null;
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
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds the metering points (no per-item envelope). */
        MeteringPointApiDtoListApiResponse: {
            /** @description The metering points. */
            result?: components["schemas"]["MeteringPointApiDto"][] | null;
        };
        /** @description A metering point in the customer's list. Empty values arrive as an empty string rather than null. */
        MeteringPointApiDto: {
            /** @description Street code. */
            streetCode?: string | null;
            /** @description Street name. */
            streetName?: string | null;
            /** @description Building number. */
            buildingNumber?: string | null;
            /** @description Floor. */
            floorId?: string | null;
            /** @description Room or door. */
            roomId?: string | null;
            /** @description Postcode. */
            postcode?: string | null;
            /** @description City name. */
            cityName?: string | null;
            /** @description District or village name. */
            citySubDivisionName?: string | null;
            /** @description Municipality code. */
            municipalityCode?: string | null;
            /** @description Free-text note on the location. */
            locationDescription?: string | null;
            /** @description D01 flex, E01 profiled, E02 non-profiled. */
            settlementMethod?: string | null;
            /** @description Native reading resolution: PT15M, PT1H, P1M or ANDET. */
            meterReadingOccurrence?: string | null;
            /** @description Name of the first consumer. */
            firstConsumerPartyName?: string | null;
            /** @description Name of a second consumer. */
            secondConsumerPartyName?: string | null;
            /** @description Number of the physical meter. */
            meterNumber?: string | null;
            /** @description When the current consumer moved in, ISO 8601 in UTC. */
            consumerStartDate?: string | null;
            /** @description The 18-digit metering point id. */
            meteringPointId?: string | null;
            /** @description E17 consumption, E18 production. */
            typeOfMP?: string | null;
            /** @description CVR of a business consumer. */
            consumerCVR?: string | null;
            /** @description Additional CVR with data access. */
            dataAccessCVR?: string | null;
            /** @description Child metering points, if any. */
            childMeteringPoints?: components["schemas"]["ChildMeteringPointDto"][] | null;
            /** @description Name of the current electricity supplier. */
            balanceSupplierName?: string | null;
            /** @description true when the user already has a relation (link) to this metering point; false for metering points found only by CPR/CVR lookup (includeAll=true), which can be linked with addRelationsByIdentity. */
            hasRelation?: boolean;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds one item per requested metering point. */
        MeteringPointDetailsCustomerDtoResponseListApiResponse: {
            /** @description Items, one per requested metering point. */
            result?: components["schemas"]["MeteringPointDetailsCustomerDtoResponse"][] | null;
        };
        /** @description One item per requested metering point, holding its master data. Each item succeeds or fails on its own, so check `success` and `errorCode` on every item before using the payload. */
        MeteringPointDetailsCustomerDtoResponse: {
            result?: components["schemas"]["MeteringPointDetailsCustomerDto"] | null;
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
        /** @description Master data of a metering point as seen by its customer. Nearly every field is a string. Empty values arrive as an empty string rather than null. Dates look like `2021-02-28T23:00:00.000Z`. */
        MeteringPointDetailsCustomerDto: {
            /** @description Name of the current electricity supplier. */
            balanceSupplierName?: string | null;
            /** @description Id (usually a GLN) of the current electricity supplier. */
            balanceSupplierId?: string | null;
            /** @description When the current supplier took over, ISO 8601 in UTC. */
            balanceSupplierStartDate?: string | null;
            /** @description Scheme of balanceSupplierId: `GLN` or `EIC`. */
            balanceSupplierId_SchemeAgencyIdentifier?: string | null;
            /** @description Whether the address can be checked against the Danish address register: D01 yes, D02 no. */
            mpAddressWashInstructions?: string | null;
            /**
             * @description Whether the customer's name is protected. Sent as the text "True" or "False" (not a JSON boolean); may be an empty string.
             * @enum {string|null}
             */
            protectedName?: "True" | "False" | "" | null;
            /** @description The 18-digit metering point id (GSRN). */
            meteringPointId?: string | null;
            /** @description Parent id for a child metering point. Empty values arrive as an empty string rather than null. */
            parentMeteringPointId?: string | null;
            /** @description Metering point type: E17 consumption, E18 production, or a D-code (D01–D99) for child and special types. */
            typeOfMP?: string | null;
            /** @description Unit of the energy time series, normally `KWH`. */
            energyTimeSeriesMeasureUnit?: string | null;
            /** @description Estimated yearly volume; only reliable for formerly profiled metering points. */
            estimatedAnnualVolume?: string | null;
            /** @description D01 flex settled, E01 profiled, E02 non-profiled. */
            settlementMethod?: string | null;
            /** @description Number of the physical meter. Empty values arrive as an empty string rather than null. */
            meterNumber?: string | null;
            /** @description Name of the grid company. */
            gridOperatorName?: string | null;
            /** @description Grid area id, e.g. `791`. */
            meteringGridAreaIdentification?: string | null;
            /** @description Net settlement group: "0" (none), "1"–"7" or "99". */
            netSettlementGroup?: string | null;
            /** @description D03 new, E22 connected, E23 disconnected. */
            physicalStatusOfMP?: string | null;
            /** @description Three-digit consumer category for consumption metering points. Empty values arrive as an empty string rather than null. */
            consumerCategory?: string | null;
            /** @description Power limit in kW, as text. */
            powerLimitKW?: string | null;
            /** @description Current limit in ampere, as text. */
            powerLimitA?: string | null;
            /** @description D01 physical meter, D02 virtual, D03 calculated by DataHub. */
            subTypeOfMP?: string | null;
            /** @description Production obligation flag for production metering points. */
            productionObligation?: string | null;
            /** @description Capacity in kW of a production facility. */
            mpCapacity?: string | null;
            /** @description For net settlement: D01 directly connected, D02 installation connected. */
            mpConnectionType?: string | null;
            /** @description How the grid company can disconnect: D01 remotely, D02 manually (D00 reserved). */
            disconnectionType?: string | null;
            /** @description Product code, e.g. `Item8716867000030` (active energy). */
            product?: string | null;
            /** @description CVR of a business consumer. Empty values arrive as an empty string rather than null. */
            consumerCVR?: string | null;
            /** @description Additional CVR with data access. Empty values arrive as an empty string rather than null. */
            dataAccessCVR?: string | null;
            /** @description When the current consumer moved in, ISO 8601 in UTC, e.g. `2021-02-28T23:00:00.000Z`. */
            consumerStartDate?: string | null;
            /** @description Native reading resolution: PT15M, PT1H, P1M, or ANDET (other; profiled quantities only). Use it to pick an aggregation before asking for time series. */
            meterReadingOccurrence?: string | null;
            /** @description Profiled metering points only: D01 read automatically, D02 read manually. */
            mpReadingCharacteristics?: string | null;
            /** @description Digits on the meter's counter, as text (e.g. `7.3`). */
            meterCounterDigits?: string | null;
            /** @description Multiplication factor of the counter, as text. */
            meterCounterMultiplyFactor?: string | null;
            /** @description Unit of the counter, e.g. `KWH`. */
            meterCounterUnit?: string | null;
            /** @description D01 accumulating, D02 balancing. */
            meterCounterType?: string | null;
            /**
             * @description Whether the consumer may get the electric-heating tax reduction. Sent as the text "True" or "False" (not a JSON boolean); may be an empty string.
             * @enum {string|null}
             */
            taxReduction?: "True" | "False" | "" | null;
            /** @description Start or end of the tax reduction, ISO 8601 in UTC. Empty values arrive as an empty string rather than null. */
            taxSettlementDate?: string | null;
            /** @description Unused; Energinet plans to remove it. */
            mpRelationType?: string | null;
            /** @description Name of the first consumer. */
            firstConsumerPartyName?: string | null;
            /** @description Name of a second consumer. Empty values arrive as an empty string rather than null. */
            secondConsumerPartyName?: string | null;
            /** @description Timestamp of this data request, ISO 8601 in UTC. */
            occurrence?: string | null;
            /** @description Alias of the metering point. Empty values arrive as an empty string rather than null. */
            meteringPointAlias?: string | null;
            /** @description Id (usually a GLN) of the grid company. */
            gridOperatorID?: string | null;
            /** @description Scheme of gridOperatorID: `GLN` or `EIC`. */
            gridOperatorID_SchemeAgencyIdentifier?: string | null;
            /** @description Production technology code, D01–D20 or D99 (e.g. D11 photovoltaics, D12 wind). */
            assetType?: string | null;
            /** @description Reference (UUID) into the Danish address register (DAR). */
            darReference?: string | null;
            /** @description Street code of the installation address. */
            streetCode?: string | null;
            /** @description Street name of the installation address. */
            streetName?: string | null;
            /** @description Building number. */
            buildingNumber?: string | null;
            /** @description Floor. */
            floorId?: string | null;
            /** @description Room or door. */
            roomId?: string | null;
            /** @description Postcode. */
            postcode?: string | null;
            /** @description City name. */
            cityName?: string | null;
            /** @description District or village name. */
            citySubDivisionName?: string | null;
            /** @description Municipality code. */
            municipalityCode?: string | null;
            /** @description Free-text note, usually about where the meter is placed. */
            locationDescription?: string | null;
            /**
             * Format: double
             * @description Power limit in kW as a number; the only numeric field of this object.
             */
            powerLimitKWDecimal?: number | null;
            /** @description Contact addresses of the customer. */
            contactAddresses?: components["schemas"]["ContactAddressDto"][] | null;
            /** @description Child metering points, if any. */
            childMeteringPoints?: components["schemas"]["ChildMeteringPointDto"][] | null;
        };
        /** @description Root wrapper: the API always nests the payload under `result`. Here `result` holds one item per requested metering point. */
        MeteringPointFeesDtoResponseListApiResponse: {
            /** @description Items, one per requested metering point. */
            result?: components["schemas"]["MeteringPointFeesDtoResponse"][] | null;
        };
        /** @description One item per requested metering point, holding its charges. Each item succeeds or fails on its own, so check `success` and `errorCode` on every item before using the payload. */
        MeteringPointFeesDtoResponse: {
            result?: components["schemas"]["MeteringPointFeesDto"] | null;
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
        /** @description Charges of one metering point. Only charges valid now or in the future are included, so historical consumption cannot be priced from it. */
        MeteringPointFeesDto: {
            /** @description The metering point id. */
            meteringPointId?: string | null;
            /** @description Monthly subscriptions. */
            subscriptions?: components["schemas"]["MeteringPointChargeDto"][] | null;
            /** @description One-off or recurring fees. */
            fees?: components["schemas"]["MeteringPointChargeDto"][] | null;
            /** @description Tariffs per kWh. */
            tariffs?: components["schemas"]["MeteringPointTariffDto"][] | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Id the server assigns to every request (a UUID). Log it and quote it when you contact Energinet support. */
        "X-Correlation-ID": string;
        /** @description Your own correlation id, echoed back unchanged. Present only when the request sent an `X-User-Correlation-ID` header. */
        "X-User-Correlation-ID": string;
        /** @description Not documented by Energinet and not always sent. When present, wait at least this many seconds (or until this HTTP date) before retrying; otherwise wait about 60 seconds. */
        "Retry-After": string;
    };
    pathItems: never;
}
