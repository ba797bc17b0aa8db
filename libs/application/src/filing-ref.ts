/** One unit's filing for one year, named as the streams and read models name it. */
export interface FilingRef {
  countyCode: string;
  unitCode: string;
  year: number;
}
