/** The snapd assertion format: decode, encode, sign, verify. */
module dev.modelservice.assertions {
}
