/** Types of the parts of `js-md4` this plugin uses (the package ships none). */
declare module 'js-md4' {
  interface Md4 {
    /** MD4 of `message` as lower-case hex. */
    hex(message: string | ArrayBuffer | Uint8Array): string
  }
  const md4: Md4
  export default md4
}
