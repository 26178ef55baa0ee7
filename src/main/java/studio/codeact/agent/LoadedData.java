package studio.codeact.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything loaded into the interpreter so far: the code that loads it (run again after a
 * kernel dies), the warnings loading printed, and the datasets the prompt describes. Files
 * loaded one at a time (the GUI's drops) add up; a variable loaded again replaces its entry.
 */
record LoadedData(String setupCode, String notes, List<Dataset> datasets) {

    static final LoadedData NONE = new LoadedData("", "", List.of());

    LoadedData {
        datasets = List.copyOf(datasets);
    }

    LoadedData add(String code, String newNotes, List<Dataset> added) {
        List<Dataset> all = new ArrayList<>(datasets);
        all.removeIf(old -> added.stream().anyMatch(fresh -> fresh.variable().equals(old.variable())));
        all.addAll(added);
        return new LoadedData(join(setupCode, code), join(notes, newNotes), all);
    }

    private static String join(String before, String more) {
        return before.isEmpty() ? more : more.isEmpty() ? before : before + "\n" + more;
    }
}
