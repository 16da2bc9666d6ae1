// Generated from KeelSuiteEmulator at build time. Do not edit.
namespace Keel.Suite { internal static class SuiteEmulator { public static bool IsRenode => false; } }
