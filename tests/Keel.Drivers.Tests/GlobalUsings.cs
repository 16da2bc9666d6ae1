// FakeRegisters is Keel.Testing's (tools/Keel.Testing), compiled here from its source.
global using Keel.Testing;
