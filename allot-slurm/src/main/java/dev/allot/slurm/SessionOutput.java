package dev.allot.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code sacctmgr} session printed, split per command: reading commands from stdin, sacctmgr echoes each
 * as {@code sacctmgr: <command>} before its output, and goes on after a command fails. A command without a section
 * was never reached (the session ended early).
 */
record SessionOutput(List<List<String>> sections) {
    private static final String ECHO = "sacctmgr: ";

    SessionOutput {
        sections = sections.stream().map(List::copyOf).toList();
    }

    static SessionOutput parse(String stdout, int commands) {
        List<List<String>> sections = new ArrayList<>();
        List<String> current = null;
        for (String line : stdout.lines().toList()) {
            if (line.strip().equals(ECHO.strip())) {
                break; // the empty prompt sacctmgr prints at the end of its input
            }
            if (line.startsWith(ECHO)) {
                if (sections.size() == commands) {
                    break;
                }
                current = new ArrayList<>();
                sections.add(current);
            } else if (current != null) {
                current.add(line);
            }
        }
        return new SessionOutput(sections);
    }

    boolean reached(int command) {
        return command < sections.size();
    }

    /** The output of one command, one line per row; empty when it printed nothing or was never reached. */
    String text(int command) {
        return reached(command) ? String.join("\n", sections.get(command)) + "\n" : "";
    }
}
