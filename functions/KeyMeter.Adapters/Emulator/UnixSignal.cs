using System.Runtime.InteropServices;

namespace KeyMeter.Adapters.Emulator;

/// <summary>
/// Sends SIGINT, which .NET has no API for. Azurite's table service closes its server and saves its database
/// on SIGINT (<c>dist/src/table/main.js</c>: <c>process.once("SIGINT", ...)</c>); SIGTERM or a kill end it
/// without saving what LokiJS has not autosaved yet (it autosaves every 5 s).
/// </summary>
internal static class UnixSignal
{
    private const int SigInt = 2; // the same on Linux and macOS

    /// <summary>True when the signal was delivered; always false on Windows.</summary>
    public static bool TryInterrupt(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigInt) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int processId, int signal);
}
