package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The snaps of a model: the essential ones (snapd, kernel, boot base, gadget) and the others
 * in the order the model lists them. It also checks the entries of the extended {@code snaps}
 * header, as snapd 2.57.6's {@code checkExtendedSnaps} and {@code checkModelSnap} do.
 */
final class ModelSnaps {
    static final List<String> ESSENTIAL_MODES = List.of("run", "ephemeral");
    static final List<String> DEFAULT_MODES = List.of("run");
    static final String REQUIRED = "required";
    static final String OPTIONAL = "optional";

    private static final List<String> SNAP_TYPES = List.of("app", "base", "gadget", "kernel", "core", "snapd");
    private static final Pattern SNAP_MODE = Pattern.compile("^[a-z][-a-z]+$");
    private static final String DEFAULT_CHANNEL = "latest/stable";

    // Set while the model's headers are checked, then only read; null where the model has no such snap.
    Model.Snap snapd;
    Model.Snap kernel;
    Model.Snap base;
    Model.Snap gadget;
    final List<Model.Snap> others = new ArrayList<>();

    /** Returns every snap: snapd, kernel, boot base and gadget where present, then the others. */
    List<Model.Snap> all() {
        List<Model.Snap> all = new ArrayList<>(essential());
        all.addAll(others);
        return List.copyOf(all);
    }

    /** Returns the essential snaps that the model names, in snapd's order: snapd, kernel, boot base, gadget. */
    List<Model.Snap> essential() {
        List<Model.Snap> essential = new ArrayList<>();
        for (Model.Snap snap : new Model.Snap[] {snapd, kernel, base, gadget}) {
            if (snap != null) {
                essential.add(snap);
            }
        }
        return List.copyOf(essential);
    }

    /**
     * Checks the extended {@code snaps} header: a list of maps, one per snap, with unique names
     * and snap ids, and at most one snapd, kernel and gadget snap.
     *
     * @param baseName the model's {@code base} header, whose entry is the boot base
     */
    static ModelSnaps checkExtendedSnaps(Object header, String baseName, Model.Grade grade)
            throws AssertionFormatException {
        if (!(header instanceof List<?> entries)) {
            throw new AssertionFormatException("\"snaps\" header must be a list of maps");
        }

        ModelSnaps snaps = new ModelSnaps();
        Set<String> names = new HashSet<>();
        Map<String, String> namesById = new HashMap<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw new AssertionFormatException("\"snaps\" header must be a list of maps");
            }
            Model.Snap snap = checkModelSnap(map, grade);
            checkUnique(snap, names, namesById);
            snaps.place(snap, baseName);
        }
        return snaps;
    }

    private static void checkUnique(Model.Snap snap, Set<String> names, Map<String, String> namesById)
            throws AssertionFormatException {
        if (!names.add(snap.name())) {
            throw new AssertionFormatException("\"snaps\" header: cannot list the same snap " + quote(snap.name())
                    + " multiple times");
        }

        // snapd does not install one snap twice under instance names from a model
        if (snap.id() != null) {
            String otherName = namesById.putIfAbsent(snap.id(), snap.name());
            if (otherName != null) {
                throw new AssertionFormatException("\"snaps\" header: cannot specify the same snap id "
                        + quote(snap.id()) + " multiple times, specified for snaps " + quote(otherName) + " and "
                        + quote(snap.name()));
            }
        }
    }

    /** Files the snap as essential or not, and fills in the modes and presence it leaves out. */
    private void place(Model.Snap snap, String baseName) throws AssertionFormatException {
        if (!isEssential(snap, baseName)) {
            others.add(snap.withModesAndPresence(
                    snap.modes().isEmpty() ? DEFAULT_MODES : snap.modes(),
                    snap.presence() == null ? REQUIRED : snap.presence()));
            return;
        }

        if (!snap.modes().isEmpty() || snap.presence() != null) {
            throw new AssertionFormatException("\"snaps\" header: essential snaps are always available, cannot"
                    + " specify modes or presence for snap " + quote(snap.name()));
        }
        Model.Snap completed = snap.withModesAndPresence(ESSENTIAL_MODES, REQUIRED);
        switch (snap.type()) {
            case "snapd" -> snapd = completed;
            case "kernel" -> kernel = completed;
            case "gadget" -> gadget = completed;
            default -> base = completed;
        }
    }

    /** Tells whether the snap is the snapd, kernel or gadget snap, or the boot base, which it then checks. */
    private boolean isEssential(Model.Snap snap, String baseName) throws AssertionFormatException {
        switch (snap.type()) {
            case "snapd" -> checkSingle(snapd, snap);
            case "kernel" -> checkSingle(kernel, snap);
            case "gadget" -> checkSingle(gadget, snap);
            default -> {
                if (!snap.name().equals(baseName)) {
                    return false;
                }
                checkBootBaseType(snap);
            }
        }
        return true;
    }

    private static void checkSingle(Model.Snap existing, Model.Snap snap) throws AssertionFormatException {
        if (existing != null) {
            throw new AssertionFormatException("\"snaps\" header: cannot specify multiple " + snap.type()
                    + " snaps: " + quote(existing.name()) + " and " + quote(snap.name()));
        }
    }

    private static void checkBootBaseType(Model.Snap snap) throws AssertionFormatException {
        if (!snap.type().equals("base")) {
            throw new AssertionFormatException("\"snaps\" header: boot base " + quote(snap.name())
                    + " must specify type \"base\", not " + quote(snap.type()));
        }
    }

    /**
     * Checks one entry of the {@code snaps} header. The returned snap has empty modes and a null
     * presence where the entry leaves them out, because essential snaps must leave them out.
     * Other fields, such as {@code components} or a snap-level {@code classic}, are ignored, as
     * snapd 2.57.6 ignores them.
     */
    static Model.Snap checkModelSnap(Map<?, ?> entry, Model.Grade grade) throws AssertionFormatException {
        String name = checkSnapName(entry);
        String context = "of snap " + quote(name);
        String id = checkSnapId(entry, context, grade);
        String type = checkSnapType(entry, name, context);
        List<String> modes = checkModes(entry, context);
        String defaultChannel = checkDefaultChannel(entry, name, context);
        String presence = checkPresence(entry, name, context);
        return new Model.Snap(name, id, type, modes, defaultChannel, null, presence);
    }

    private static String checkSnapName(Map<?, ?> entry) throws AssertionFormatException {
        String name = entryString(entry, "name", "of an entry");
        if (name == null) {
            throw new AssertionFormatException("\"snaps\" header: \"name\" of an entry is mandatory");
        }
        if (name.isEmpty()) {
            throw new AssertionFormatException("\"snaps\" header: \"name\" of an entry should not be empty");
        }
        if (!SnapNames.isValidSnapName(name)) {
            throw new AssertionFormatException("\"snaps\" header: invalid snap name " + quote(name)
                    + " (2 to 40 lowercase letters, digits and single dashes, with a letter)");
        }
        return name;
    }

    /** Snap ids may be left out only in grade dangerous, for local snaps not yet in the store. */
    private static String checkSnapId(Map<?, ?> entry, String context, Model.Grade grade)
            throws AssertionFormatException {
        if (!entry.containsKey("id")) {
            if (grade != Model.Grade.DANGEROUS) {
                throw new AssertionFormatException("\"snaps\" header: \"id\" " + context + " is mandatory for "
                        + grade.wireName() + " grade model (give the store's snap id, or use grade dangerous for"
                        + " local snaps)");
            }
            return null;
        }
        String id = entryString(entry, "id", context);
        if (id.isEmpty()) {
            throw new AssertionFormatException("\"snaps\" header: \"id\" " + context + " should not be empty");
        }
        if (!SnapNames.SNAP_ID.matcher(id).matches()) {
            throw new AssertionFormatException("\"snaps\" header: \"id\" " + context + " contains invalid characters: "
                    + quote(id) + " (a snap id is 32 ASCII letters and digits)");
        }
        return id;
    }

    private static String checkSnapType(Map<?, ?> entry, String name, String context) throws AssertionFormatException {
        String type = entryString(entry, "type", context);
        if (type == null || type.isEmpty()) {
            return "app";
        }
        if (!SNAP_TYPES.contains(type)) {
            throw new AssertionFormatException("\"snaps\" header: type of snap " + quote(name) + " must be one of "
                    + String.join("|", SNAP_TYPES) + ", not " + quote(type));
        }
        return type;
    }

    private static List<String> checkModes(Map<?, ?> entry, String context) throws AssertionFormatException {
        Object value = entry.get("modes");
        if (value == null) {
            return List.of();
        }
        String field = "\"snaps\" header: \"modes\" " + context;
        if (!(value instanceof List<?> list)) {
            throw new AssertionFormatException(field + " must be a list of strings");
        }
        List<String> modes = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String mode)) {
                throw new AssertionFormatException(field + " must be a list of strings");
            }
            if (!SNAP_MODE.matcher(mode).matches()) {
                throw new AssertionFormatException(field + " contains an invalid element: " + quote(mode));
            }
            modes.add(mode);
        }
        return List.copyOf(modes);
    }

    /** Checks the channel the snap first tracks, {@code latest/stable} by default; it must name a track. */
    private static String checkDefaultChannel(Map<?, ?> entry, String name, String context)
            throws AssertionFormatException {
        String defaultChannel = entryString(entry, "default-channel", context);
        if (defaultChannel == null || defaultChannel.isEmpty()) {
            defaultChannel = DEFAULT_CHANNEL;
        }
        SnapChannel channel;
        try {
            channel = SnapChannel.parseVerbatim(defaultChannel);
        } catch (IllegalArgumentException e) {
            throw new AssertionFormatException("\"snaps\" header: invalid default channel for snap " + quote(name)
                    + ": " + e.getMessage());
        }
        if (channel.track() == null) {
            throw new AssertionFormatException("\"snaps\" header: default channel for snap " + quote(name)
                    + " must specify a track, such as latest/" + defaultChannel + ", not " + quote(defaultChannel));
        }
        return defaultChannel;
    }

    private static String checkPresence(Map<?, ?> entry, String name, String context) throws AssertionFormatException {
        String presence = entryString(entry, "presence", context);
        if (presence == null || presence.isEmpty()) {
            return null;
        }
        if (!presence.equals(REQUIRED) && !presence.equals(OPTIONAL)) {
            throw new AssertionFormatException("\"snaps\" header: presence of snap " + quote(name)
                    + " must be one of required|optional, not " + quote(presence));
        }
        return presence;
    }

    /** Returns an entry's string field, or null when the entry has none. */
    private static String entryString(Map<?, ?> entry, String field, String context) throws AssertionFormatException {
        Object value = entry.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new AssertionFormatException("\"snaps\" header: " + quote(field) + " " + context
                    + " must be a string");
        }
        return text;
    }
}
