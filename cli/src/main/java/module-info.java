/** model-admin, the admin command line. */
module dev.modelservice.cli {
}
