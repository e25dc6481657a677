import type {
  IAuthenticateGeneric,
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IDataObject,
  IHttpRequestHelper,
  INodeProperties,
} from "n8n-workflow";
import { PRODUCTION_URL } from "../shared/constants";
import { exchangeRefreshToken } from "../shared/exchange";

export class EloverblikCustomerApi implements ICredentialType {
  name = "eloverblikCustomerApi";

  displayName = "Eloverblik Customer API";

  icon = { light: "file:eloverblik.svg", dark: "file:eloverblik.dark.svg" } as const;

  documentationUrl =
    "https://github.com/eloverblik-kit/eloverblik-kit/tree/main/packages/n8n-nodes-eloverblik#credentials";

  properties: INodeProperties[] = [
    {
      displayName: "Refresh Token",
      name: "refreshToken",
      type: "string",
      typeOptions: { password: true },
      required: true,
      default: "",
      description:
        "The token created for your own metering points (eloverblik.dk → Datadeling → Opret token). Shown once when created; valid up to a year.",
    },
    {
      displayName: "Base URL",
      name: "baseUrl",
      type: "string",
      default: PRODUCTION_URL,
      description:
        "Eloverblik itself by default. The simulator of eloverblik-kit (e.g. http://127.0.0.1:4010) works for trying flows offline.",
    },
    {
      displayName: "Data Access Token",
      name: "accessToken",
      type: "hidden",
      typeOptions: { expirable: true, password: true },
      default: "",
    },
  ];

  async preAuthentication(
    this: IHttpRequestHelper,
    credentials: ICredentialDataDecryptedObject,
  ): Promise<IDataObject> {
    return exchangeRefreshToken(this, "customer", credentials);
  }

  authenticate: IAuthenticateGeneric = {
    type: "generic",
    properties: {
      headers: { Authorization: "=Bearer {{$credentials.accessToken}}" },
    },
  };

  // n8n exchanges the refresh token first (one of Energinet's 2 exchanges a minute), then checks
  // that the data-access token opens a list.
  test: ICredentialTestRequest = {
    request: {
      baseURL:
        '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.eloverblik.dk"}}',
      url: "/customerapi/api/meteringpoints/meteringpoints?includeAll=false",
      method: "GET",
    },
  };
}
