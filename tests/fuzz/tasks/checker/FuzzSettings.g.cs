// Generated from KeelFuzzSeed, KeelFuzzCalls and KeelFuzzAttacks at build time (Families: Protocol.cs). Do not edit.
namespace Keel.Fuzz { internal static class FuzzSettings { public const uint Seed = 0x5EED0001; public const uint Calls = 100000; public const uint Families = 15; } }
