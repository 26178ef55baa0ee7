package studio.codeact.engine.remote;

/**
 * A kernelspec as the server lists it.
 *
 * @param name        what {@code POST /api/kernels} takes
 * @param displayName what a menu shows
 * @param language    the kernel's language ({@code python} for the ones this app can drive)
 */
public record RemoteKernelSpec(String name, String displayName, String language) {
}
