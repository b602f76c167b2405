/** The device API and the admin API, Jersey on Jetty. */
module dev.modelservice.server {
}
