/**
 * The sandbox around model-written code, on by default in both local engines: what it allows
 * ({@link studio.codeact.engine.sandbox.SandboxPolicy}), whether this machine can enforce it
 * ({@link studio.codeact.engine.sandbox.SandboxStatus}, Landlock through FFM), the environment
 * variables no interpreter gets ({@link studio.codeact.engine.sandbox.Secrets}), the redaction of
 * key values in every output ({@link studio.codeact.engine.sandbox.RedactingEngine}) and the
 * processes the code started ({@link studio.codeact.engine.sandbox.ProcessSweeper}).
 *
 * <p>The enforcement itself is {@code codeact_sandbox.py} (Landlock, seccomp and prctl through
 * ctypes): the embedded engine calls it on the thread that runs one session's cells, the kernel
 * engine launches its kernel through it. The app's own threads and the {@code ask} process are
 * never restricted.
 */
package studio.codeact.engine.sandbox;
