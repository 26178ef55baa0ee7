/** The settings file ({@code ~/.config/codeact-studio/settings.json}, 0600, unknown keys kept) and the flag &gt; environment &gt; file precedence for model settings. */
package studio.codeact.llm.settings;
