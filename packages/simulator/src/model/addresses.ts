/** Sites of the simulated metering points; names, numbers and people are made up. */

export interface Address {
  streetCode: string;
  streetName: string;
  buildingNumber: string;
  floorId: string;
  roomId: string;
  postcode: string;
  cityName: string;
  citySubDivisionName: string;
  municipalityCode: string;
  locationDescription: string;
}

const address = (
  streetName: string,
  buildingNumber: string,
  floorId: string,
  roomId: string,
  postcode: string,
  cityName: string,
  municipalityCode: string,
  streetCode: string,
): Address => ({
  streetCode,
  streetName,
  buildingNumber,
  floorId,
  roomId,
  postcode,
  cityName,
  citySubDivisionName: "",
  municipalityCode,
  locationDescription: "",
});

export const HOME = address("Simulatorvej", "12", "2", "tv", "2200", "København N", "101", "6124");
export const SUMMER_HOUSE = address("Klitstien", "4", "", "", "3250", "Gilleleje", "270", "0412");
export const HEATED_HOUSE = address("Bøgeskovvej", "7", "", "", "4000", "Roskilde", "265", "0190");
export const NEIGHBOUR = address("Simulatorvej", "12", "3", "th", "2200", "København N", "101", "6124");
export const BAKERY = address("Bagergade", "21", "", "", "5000", "Odense C", "461", "0350");
