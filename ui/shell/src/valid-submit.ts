/** The start of a form's submit handler: stops the native submit and reports invalid fields; true when valid. */
export function validSubmit(event: SubmitEvent): boolean {
  event.preventDefault()
  const form = event.target as HTMLFormElement
  if (form.checkValidity()) return true
  form.reportValidity()
  return false
}
