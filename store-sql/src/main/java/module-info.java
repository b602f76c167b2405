/** Records of keys, models, serial policies, nonces and the signing log, on HSQLDB or PostgreSQL. */
module dev.modelservice.store.sql {
}
