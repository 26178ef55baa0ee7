package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Point 10: real analysis work still works inside the sandbox, in both engines. */
class SandboxRealWorkTest {

    @TempDir
    Path temp;
    PythonEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"}) // the sandbox confines local engines; remote code runs on the server
    void analysisLibrariesFiguresFilesPoolsAndSubprocessesWork(EngineKind kind) throws Exception {
        SandboxTesting.requireLandlock();
        Path data = Files.createDirectories(temp.resolve("data")).resolve("sales.csv");
        Files.writeString(data, "x,y,g\n1,2.1,a\n2,3.9,b\n3,6.2,a\n4,8.1,b\n5,9.8,a\n6,12.2,b\n");
        Path work = Files.createDirectories(temp.resolve("session/work"));
        engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work)
                .withSandbox(SandboxConfig.defaults().withReadable(java.util.List.of(data))));
        engine.start();
        assertThat(engine.info().details().get("sandbox")).startsWith("on");
        ExecutionResult result = engine.run("""
                import numpy as np, pandas as pd, subprocess, threading
                import statsmodels.formula.api as smf
                from sklearn.linear_model import LinearRegression
                import seaborn as sns, matplotlib.pyplot as plt
                df = pd.read_csv(r'%s')
                model = LinearRegression().fit(df[['x']], df['y'])
                ols = smf.ols('y ~ x', data=df).fit()
                ax = sns.scatterplot(data=df, x='x', y='y', hue='g')
                plt.savefig('plot.png')
                plt.show()
                df.to_csv('out.csv', index=False)
                df.to_excel('out.xlsx', index=False)
                from multiprocessing import Pool
                with Pool(2) as pool:
                    squares = pool.map(abs, [-1, -2, -3])
                from joblib import Parallel, delayed
                doubled = Parallel(n_jobs=2)(delayed(abs)(-i) for i in range(4))
                box = []
                t = threading.Thread(target=lambda: box.append(np.arange(3).sum())); t.start(); t.join()
                listing = subprocess.run(['ls'], capture_output=True, text=True, check=True).stdout.split()
                print(round(model.coef_[0], 1), round(ols.params['x'], 1), squares, doubled, box, sorted(listing))
                """.formatted(data));
        assertThat(result.ok()).as(SandboxAttackTest.text(result)).isTrue();
        assertThat(result.stdout()).contains("2.0 2.0 [1, 2, 3] [0, 1, 2, 3] [3]").contains("'out.csv'", "'out.xlsx'", "'plot.png'");
        assertThat(result.outputs()).anySatisfy(output -> assertThat(output).isInstanceOfSatisfying(Output.Display.class,
                display -> assertThat(display.data().png()).isPresent()));
        assertThat(work.resolve("plot.png")).isNotEmptyFile();
        assertThat(work.resolve("out.xlsx")).isNotEmptyFile();
    }
}
