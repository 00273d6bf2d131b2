/**
 * Libraries loaded on first use instead of at start: exceljs, pdfkit and docx took about 0.3 s of every start's
 * module loading (importing the bundled runtime: 720–830 ms with them, 415–510 ms without, on the 2-core machine),
 * and most processes never build a workbook, a PDF or a Word file. The modules that render PDF and Word files are
 * imported lazily by their routes; exceljs is used by services that load at start, so they call this.
 */
export async function loadExcelJS() {
  return (await import('exceljs')).default;
}
