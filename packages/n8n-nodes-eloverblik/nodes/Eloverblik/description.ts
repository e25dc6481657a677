import type { INodeCredentialDescription, INodeProperties } from "n8n-workflow";

const customer = { authentication: ["customerApi"] };
const thirdParty = { authentication: ["thirdPartyApi"] };

/** The credential of the API chosen in `authentication`. */
export const credentialsByApi: INodeCredentialDescription[] = [
  {
    name: "eloverblikCustomerApi",
    required: true,
    displayOptions: { show: { authentication: ["customerApi"] } },
  },
  {
    name: "eloverblikThirdPartyApi",
    required: true,
    displayOptions: { show: { authentication: ["thirdPartyApi"] } },
  },
];

export const authenticationProperty: INodeProperties = {
  displayName: "API",
  name: "authentication",
  type: "options",
  options: [
    { name: "Customer API (Your Own Metering Points)", value: "customerApi" },
    { name: "Third Party API (Authorized Customers)", value: "thirdPartyApi" },
  ],
  default: "customerApi",
  description: "Which Eloverblik API, and so which credential, to use",
};

export const resourceProperty: INodeProperties = {
  displayName: "Resource",
  name: "resource",
  type: "options",
  noDataExpression: true,
  options: [
    { name: "API Status", value: "apiStatus" },
    { name: "Authorization", value: "authorization" },
    { name: "Charge", value: "charge" },
    { name: "Export", value: "export" },
    { name: "Metering Point", value: "meteringPoint" },
    { name: "Time Series (Meter Data)", value: "timeSeries" },
  ],
  default: "timeSeries",
};

export const operationProperties: INodeProperties[] = [
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["meteringPoint"], ...customer } },
    options: [
      {
        name: "Add Relation by Web Access Code",
        value: "addByWebAccessCode",
        action: "Add a metering point by web access code",
        description: "Link a metering point using the web access code printed on the electricity bill",
      },
      {
        name: "Add Relations",
        value: "addRelations",
        action: "Add metering points registered to your CPR or CVR",
        description: "Link metering points registered to your CPR or CVR number by their IDs",
      },
      {
        name: "Delete Relation",
        value: "deleteRelation",
        action: "Remove a metering point from your account",
      },
      {
        name: "Get Details",
        value: "getDetails",
        action: "Get metering point details",
        description: "Address, grid area, settlement method, meter and contacts of metering points",
      },
      {
        name: "Get Many",
        value: "getMany",
        action: "List your metering points",
        description: "Use first to learn which metering point IDs the account has",
      },
    ],
    default: "getMany",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["meteringPoint"], ...thirdParty } },
    options: [
      {
        name: "Get Details",
        value: "getDetails",
        action: "Get metering point details",
        description: "Address, grid area, settlement method and meter of authorized metering points",
      },
    ],
    default: "getDetails",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["timeSeries"] } },
    options: [
      {
        name: "Get",
        value: "get",
        action: "Get consumption or production",
        description:
          "Metered kWh per quarter hour, hour, day, month or year for a period; totals and summaries too",
      },
    ],
    default: "get",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["charge"] } },
    options: [
      {
        name: "Get",
        value: "get",
        action: "Get charges and tariffs",
        description:
          "Subscriptions, fees and tariffs in force today (grid company and Energinet), DKK excl. VAT.",
      },
      {
        name: "Get Electricity Cost",
        value: "getCost",
        action: "Get what electricity really cost",
        description:
          "Consumption priced hour by hour: spot price, the grid tariff valid then, Energinet's tariffs, elafgift, VAT and subscriptions (Energi Data Service)",
      },
    ],
    default: "get",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["export"], ...customer } },
    options: [
      {
        name: "Charges CSV",
        value: "charges",
        action: "Export charges as CSV",
      },
      {
        name: "Master Data CSV",
        value: "masterData",
        action: "Export master data as CSV",
      },
      {
        name: "Time Series CSV",
        value: "timeSeries",
        action: "Export time series as CSV",
      },
    ],
    default: "timeSeries",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["authorization"], ...thirdParty } },
    options: [
      {
        name: "Get Many",
        value: "getMany",
        action: "List the authorizations customers gave you",
        description: "Use first: each authorization has an ID, a customer CVR and a validity period",
      },
      {
        name: "Get Metering Points",
        value: "getMeteringPoints",
        action: "Get the metering points of an authorization or customer",
      },
      {
        name: "Get Metering Point IDs",
        value: "getMeteringPointIds",
        action: "Get the metering point i ds of an authorization or customer",
      },
    ],
    default: "getMany",
  },
  {
    displayName: "Operation",
    name: "operation",
    type: "options",
    noDataExpression: true,
    displayOptions: { show: { resource: ["apiStatus"] } },
    options: [
      {
        name: "Get",
        value: "get",
        action: "Check whether eloverblik is up",
        description: "Asks Eloverblik whether it answers; needs no token and costs no quota",
      },
    ],
    default: "get",
  },
];

const takesMeteringPoints = {
  show: {
    resource: ["meteringPoint", "timeSeries", "charge", "export"],
    operation: ["getDetails", "get", "timeSeries", "masterData", "charges", "addRelations", "getCost"],
  },
};

const takesOneMeteringPoint = {
  show: { resource: ["meteringPoint"], operation: ["addByWebAccessCode", "deleteRelation"] },
};

const ID_PATTERN = "^\\s*\\d{18}\\s*$";

export const meteringPointProperties: INodeProperties[] = [
  {
    displayName: "Metering Points",
    name: "meteringPointSelection",
    type: "options",
    displayOptions: takesMeteringPoints,
    options: [
      { name: "One", value: "one", description: "Pick one from a list or enter its ID" },
      { name: "Several IDs", value: "ids", description: "A list of 18-digit IDs, separated by commas" },
      {
        name: "All of Mine",
        value: "all",
        description: "Every metering point linked to the account (Customer API)",
      },
    ],
    default: "one",
  },
  {
    displayName: "Metering Point",
    name: "meteringPoint",
    type: "resourceLocator",
    default: { mode: "list", value: "" },
    required: true,
    displayOptions: { show: { ...takesMeteringPoints.show, meteringPointSelection: ["one"] } },
    description: "The 18-digit metering point ID (GSRN), e.g. 571313180100000001",
    modes: [
      {
        displayName: "From List",
        name: "list",
        type: "list",
        typeOptions: { searchListMethod: "searchMeteringPoints", searchable: true },
      },
      {
        displayName: "By ID",
        name: "id",
        type: "string",
        placeholder: "571313180100000001",
        validation: [
          {
            type: "regex",
            properties: { regex: ID_PATTERN, errorMessage: "A metering point ID has 18 digits" },
          },
        ],
      },
    ],
  },
  {
    displayName: "Metering Point IDs",
    name: "meteringPointIds",
    type: "string",
    default: "",
    required: true,
    placeholder: "571313180100000001, 571313180100000002",
    displayOptions: { show: { ...takesMeteringPoints.show, meteringPointSelection: ["ids"] } },
    description: "18-digit metering point IDs separated by commas; any number, fetched 10 per request",
  },
  {
    displayName: "Metering Point",
    name: "singleMeteringPoint",
    type: "resourceLocator",
    default: { mode: "id", value: "" },
    required: true,
    displayOptions: takesOneMeteringPoint,
    description: "The 18-digit metering point ID (GSRN)",
    modes: [
      {
        displayName: "By ID",
        name: "id",
        type: "string",
        placeholder: "571313180100000001",
        validation: [
          {
            type: "regex",
            properties: { regex: ID_PATTERN, errorMessage: "A metering point ID has 18 digits" },
          },
        ],
      },
      {
        displayName: "From List",
        name: "list",
        type: "list",
        typeOptions: { searchListMethod: "searchMeteringPoints", searchable: true },
      },
    ],
  },
  {
    displayName: "Web Access Code",
    name: "webAccessCode",
    type: "string",
    typeOptions: { password: true },
    default: "",
    required: true,
    displayOptions: { show: { resource: ["meteringPoint"], operation: ["addByWebAccessCode"] } },
    description: "The web access code (webadgangskode) printed on the electricity bill",
  },
  {
    displayName: "Include Unlinked",
    name: "includeAll",
    type: "boolean",
    default: false,
    displayOptions: { show: { resource: ["meteringPoint"], operation: ["getMany"], ...customer } },
    description:
      "Whether to also list metering points registered to your CPR or CVR that are not linked to the account yet",
  },
];

const takesPeriod = {
  show: { resource: ["timeSeries", "export"], operation: ["get", "timeSeries"] },
};

export const periodProperties: INodeProperties[] = [
  {
    displayName: "Period",
    name: "period",
    type: "options",
    displayOptions: takesPeriod,
    options: [
      { name: "Custom Dates", value: "custom" },
      { name: "Last Month", value: "last-month" },
      { name: "Last N Days", value: "last-days" },
      { name: "Last Year", value: "last-year" },
      { name: "This Month", value: "this-month" },
      { name: "This Year", value: "this-year" },
      { name: "Yesterday", value: "yesterday" },
    ],
    default: "yesterday",
    description:
      "Danish calendar days. Data exists up to yesterday at the latest and usually arrives 1–3 days late.",
  },
  {
    displayName: "Days",
    name: "days",
    type: "number",
    typeOptions: { minValue: 1, maxValue: 3660 },
    default: 7,
    displayOptions: { show: { ...takesPeriod.show, period: ["last-days"] } },
    description: "The number of whole days before today",
  },
  {
    displayName: "From",
    name: "from",
    type: "string",
    default: "",
    required: true,
    placeholder: "2025-01-01",
    displayOptions: { show: { ...takesPeriod.show, period: ["custom"] } },
    description: "First Danish day, YYYY-MM-DD (inclusive)",
  },
  {
    displayName: "To",
    name: "to",
    type: "string",
    default: "",
    placeholder: "2025-02-01",
    displayOptions: { show: { ...takesPeriod.show, period: ["custom"] } },
    description: "The day after the last one, YYYY-MM-DD (exclusive); empty for one day",
  },
  {
    displayName: "Aggregation",
    name: "aggregation",
    type: "options",
    displayOptions: takesPeriod,
    options: [
      { name: "Actual (As Metered: 15 Min or Hour)", value: "Actual" },
      { name: "Day", value: "Day" },
      { name: "Hour", value: "Hour" },
      { name: "Month", value: "Month" },
      { name: "Quarter Hour", value: "Quarter" },
      { name: "Year", value: "Year" },
    ],
    default: "Hour",
  },
];

const takesCost = { resource: ["charge"], operation: ["getCost"] };

/** The cost's period: the same fields as the time series', shown for Charge → Get Electricity Cost. */
export const costPeriodProperties: INodeProperties[] = periodProperties
  .filter((p) => p.name !== "aggregation")
  .map((p) => ({ ...p, displayOptions: { show: { ...p.displayOptions?.show, ...takesCost } } }));

export const costProperties: INodeProperties[] = [
  {
    displayName: "Price Area",
    name: "priceArea",
    type: "options",
    displayOptions: { show: takesCost },
    options: [
      { name: "From the Postcode", value: "auto", description: "Inferred (1000–4999 east, else west)" },
      { name: "DK1 (West: Jutland, Funen)", value: "DK1" },
      { name: "DK2 (East: Zealand, Bornholm)", value: "DK2" },
    ],
    default: "auto",
    description: "Which day-ahead price applies; the output says when it was inferred",
  },
  {
    displayName: "Electric Heating",
    name: "electricHeating",
    type: "boolean",
    default: false,
    displayOptions: { show: takesCost },
    description:
      "Whether the home is electrically heated: reduced elafgift above 4,000 kWh in a calendar year",
  },
  {
    displayName: "Supplier Markup (DKK/kWh Excl. VAT)",
    name: "supplierMarkup",
    type: "number",
    typeOptions: { numberPrecision: 4, minValue: -10, maxValue: 10 },
    default: 0,
    displayOptions: { show: takesCost },
    description: "Your supplier's markup on the spot price; not in any public data",
  },
  {
    displayName: "Supplier Subscription (DKK/Month Excl. VAT)",
    name: "supplierSubscription",
    type: "number",
    typeOptions: { numberPrecision: 2, minValue: 0, maxValue: 10000 },
    default: 0,
    displayOptions: { show: takesCost },
  },
  {
    displayName: "Output",
    name: "costOutput",
    type: "options",
    displayOptions: { show: takesCost },
    options: [
      { name: "One Item per Day", value: "day", description: "Every component per Danish day" },
      {
        name: "One Item per Point",
        value: "points",
        description: "Each hour or quarter hour with its prices and cost",
      },
      {
        name: "Summary",
        value: "summary",
        description: "One item per metering point: every component in total, the rules used, the notes",
      },
    ],
    default: "summary",
  },
];

export const outputProperties: INodeProperties[] = [
  {
    displayName: "Output",
    name: "output",
    type: "options",
    displayOptions: { show: { resource: ["timeSeries"], operation: ["get"] } },
    options: [
      {
        name: "Automatic",
        value: "auto",
        description: "One item per point in a workflow; a compact summary when an AI agent uses the node",
      },
      { name: "One Item per Day", value: "day", description: "Total kWh per Danish day" },
      { name: "One Item per Month", value: "month", description: "Total kWh per month" },
      {
        name: "One Item per Point",
        value: "points",
        description: "Each metered interval with UTC and Danish local time (DST-correct)",
      },
      {
        name: "One Item per Point with Today's Tariffs",
        value: "tariffs",
        description:
          "Each point with the tariffs in force today for its time of day and what they cost (DKK excl. VAT, an estimate).",
      },
      { name: "Raw Document", value: "raw", description: "Energinet's response as it came" },
      {
        name: "Summary",
        value: "summary",
        description:
          "One item per metering point: total, peaks, estimated and missing points, daily or monthly totals",
      },
    ],
    default: "auto",
  },
  {
    displayName: "Output",
    name: "chargeOutput",
    type: "options",
    displayOptions: { show: { resource: ["charge"], operation: ["get"] } },
    options: [
      {
        name: "Overview",
        value: "overview",
        description:
          "One item per metering point: subscriptions, fees, tariffs and monthly subscription total",
      },
      {
        name: "Tariff per Hour",
        value: "hourly",
        description: "One item per hour of a day with the sum of the tariffs in force",
      },
      { name: "All Charges", value: "all", description: "One item per subscription, fee and tariff" },
    ],
    default: "overview",
  },
  {
    displayName: "Date",
    name: "tariffDate",
    type: "string",
    default: "",
    placeholder: "2025-06-01",
    displayOptions: {
      show: { resource: ["charge"], operation: ["get"], chargeOutput: ["hourly", "overview"] },
    },
    description: "The Danish day of the hourly tariffs, YYYY-MM-DD; empty for today",
  },
];

export const authorizationProperties: INodeProperties[] = [
  {
    displayName: "Scope",
    name: "scope",
    type: "options",
    displayOptions: {
      show: { resource: ["authorization"], operation: ["getMeteringPoints", "getMeteringPointIds"] },
    },
    options: [
      { name: "Authorization ID", value: "authorizationId" },
      { name: "Customer CVR", value: "customerCVR" },
      { name: "Customer Key", value: "customerKey" },
    ],
    default: "authorizationId",
  },
  {
    displayName: "Scope ID",
    name: "identifier",
    type: "string",
    default: "",
    required: true,
    displayOptions: {
      show: { resource: ["authorization"], operation: ["getMeteringPoints", "getMeteringPointIds"] },
    },
    description: "The authorization ID, CVR number or customer key, as Authorization → Get Many lists them",
  },
];

export const optionsProperty: INodeProperties = {
  displayName: "Options",
  name: "options",
  type: "collection",
  placeholder: "Add Option",
  default: {},
  options: [
    {
      displayName: "Share of Quota (Calls per Minute)",
      name: "callsPerMinute",
      type: "number",
      typeOptions: { minValue: 1, maxValue: 120 },
      default: 120,
      description:
        "Energinet allows 120 calls a minute per IP address. In queue mode every worker paces on its own: give each worker's nodes a share, e.g. 40 with three workers.",
    },
  ],
};
