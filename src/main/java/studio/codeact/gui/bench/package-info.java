/** UI benchmarks that print figures (scrolling a long session, FX-thread stalls while a cell runs); not run by the tests. */
package studio.codeact.gui.bench;
