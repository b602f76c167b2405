/** The release tarball: launchers, plugins folder, configuration, systemd unit. */
module dev.modelservice.distribution {
}
