package studio.codeact.agent;

import studio.codeact.session.PngSize;

import java.util.Optional;

/**
 * A figure an action produced, as saved in the session folder.
 *
 * @param number 1-based, counted over the whole session
 * @param path   where it was saved, relative to the session folder ({@code figures/002.png})
 * @param size   its pixel size, when the PNG header could be read
 * @param png    the image itself (sent to vision-capable models)
 */
public record Figure(int number, String path, Optional<PngSize> size, byte[] png) {

    /** The observation's line for it: {@code [figure 2: 800×600 PNG saved as figures/002.png]}. */
    public String line() {
        return "[figure " + number + ": " + size.map(s -> s + " PNG").orElse("PNG") + " saved as " + path + "]";
    }
}
