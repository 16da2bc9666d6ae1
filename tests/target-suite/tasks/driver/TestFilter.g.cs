// Generated from KeelTestFilter at build time. Do not edit.
namespace Keel.Suite { internal static class TestFilter { public const string Patterns = "*"; } }
