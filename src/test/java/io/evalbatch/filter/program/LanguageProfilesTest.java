package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import org.junit.jupiter.api.Test;

/**
 * The built-in profiles come from the bundled languages.yaml, read by the parser of a job's
 * {@code languages:}: the commands and limits the program filter's page documents, and a job's
 * override of one key keeps the rest.
 */
class LanguageProfilesTest {

    private static final List<String> JVM = List.of("-Xmx1g", "-XX:CompressedClassSpaceSize=64m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC", "-Xshare:auto");

    @Test
    void theBundledProfilesAreTheDocumentedOnes() {
        Map<String, Language> languages = Languages.builtIn();
        assertThat(languages).containsOnlyKeys("python", "javascript", "c", "cpp", "java", "rust", "bash", "perl");
        Language cpp = languages.get("cpp");
        assertThat(cpp.compile()).containsExactly("g++", "-std=c++17", "{precompiled-header}", "-o", "main", "{file}");
        assertThat(cpp.precompiledHeader()).isEqualTo("bits/stdc++.h");
        assertThat(cpp.runLimits()).isEqualTo(new StepLimits(5, 15, 4096, 64));
        assertThat(cpp.compileLimits()).isEqualTo(new StepLimits(15, 30, 4096, 64));
        Language java = languages.get("java");
        assertThat(java.run()).startsWith("java").containsSubsequence(JVM).endsWith("-ea", "-cp",
                ".:{support}/javatuples-1.2.jar", "{class}");
        assertThat(java.compile()).startsWith("javac", "-J-Xmx1g").contains("-proc:none").endsWith("{file}");
        assertThat(java.warmCompiler()).isTrue();
        assertThat(java.runLimits()).isEqualTo(new StepLimits(5, 15, 8192, 128));
        Language rust = languages.get("rust");
        assertThat(rust.compileLimits().processes()).isEqualTo(128);
        assertThat(rust.runLimits().processes()).isEqualTo(64);
        assertThat(languages.get("perl").token()).isEqualTo(CompletionToken.PERL);
        assertThat(languages.get("perl").version()).containsExactly("perl", "-e", "print \"perl $^V\\n\"");
    }

    @Test
    void theWarmCompilerStartsWithTheJvmFlagsOfTheRunCommand() {
        List<String> run = Languages.builtIn().get("java").run();
        assertThat(Languages.warmJavaCompiler(run, Path.of("/s"))).containsExactly("java", "-Xmx1g",
                "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", "/s", "EvalbatchJavac");
    }

    @Test
    void aJobOverridesOneKeyAndCannotUseTheBuiltInsOwnKeys() {
        Map<String, Language> languages = Languages.of(new FilterSpec("job.yaml", "program", Map.of("languages",
                Map.of("cpp", Map.of("compile", List.of("g++", "-std=c++20", "-o", "main", "{file}"))))));
        assertThat(languages.get("cpp").compile()).contains("-std=c++20");
        assertThat(languages.get("cpp").run()).containsExactly("./main");
        assertThat(languages.get("java").warmCompiler()).isTrue();
        assertThatThrownBy(() -> Languages.of(new FilterSpec("job.yaml", "program", Map.of("languages",
                Map.of("go", Map.of("file", "main.go", "run", List.of("./main"), "warm-compiler", true))))))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("filter.languages.go.warm-compiler: unknown key of a language profile");
    }
}
