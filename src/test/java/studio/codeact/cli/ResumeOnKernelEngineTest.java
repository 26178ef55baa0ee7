package studio.codeact.cli;

import studio.codeact.engine.EngineKind;

/** {@code ask --resume} with the kernel engine (a new ipykernel process). */
class ResumeOnKernelEngineTest extends ResumeScenarios {
    @Override
    EngineKind engineKind() {
        return EngineKind.KERNEL;
    }
}
