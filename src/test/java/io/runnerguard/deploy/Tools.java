package io.runnerguard.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding optional command-line tools, so tests that need them can skip where they are missing. */
final class Tools {

    private Tools() {
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
