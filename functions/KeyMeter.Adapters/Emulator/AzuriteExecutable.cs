using System.Globalization;

namespace KeyMeter.Adapters.Emulator;

/// <summary>
/// Finds <c>azurite-table</c>, in order: the <c>KEYMETER_AZURITE_PATH</c> environment variable; <c>azurite-table</c>
/// on PATH (<c>npm install -g azurite</c>); <c>node_modules/.bin/azurite-table</c> in the current directory or any
/// parent (a local <c>npm install azurite</c>); else <c>npx --yes --package azurite@3.37.0 azurite-table</c>.
/// </summary>
internal static class AzuriteExecutable
{
    public const string PathVariable = "KEYMETER_AZURITE_PATH";
    public const string NpxPackage = "azurite@3.37.0";

    private static readonly string[] Names = OperatingSystem.IsWindows() ? ["azurite-table.cmd", "azurite-table.exe"] : ["azurite-table"];

    /// <summary>The command that runs only the table service as <paramref name="options"/> asks.</summary>
    public static AzuriteCommandLine Resolve(AzuriteLaunchOptions options, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var arguments = TableArguments(options);

        var configured = environment(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AzuriteCommandLine(configured, arguments);
        }

        var found = FindOnPath(environment("PATH")) ?? FindInNodeModules(currentDirectory);
        if (found is not null)
        {
            return new AzuriteCommandLine(found, arguments);
        }

        return new AzuriteCommandLine(OperatingSystem.IsWindows() ? "npx.cmd" : "npx", ["--yes", "--package", NpxPackage, "azurite-table", .. arguments], MayDownload: true);
    }

    /// <summary>
    /// Table service only, on the given host and port. <c>--disableProductStyleUrl</c> keeps the account in the
    /// first path segment whatever the host name; <c>--skipApiVersionCheck</c> and <c>--loose</c> accept what
    /// the client sends; telemetry is off so nothing leaves the machine.
    /// </summary>
    public static List<string> TableArguments(AzuriteLaunchOptions options)
    {
        List<string> arguments =
        [
            "--tableHost", options.Host,
            "--tablePort", options.TablePort.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
        ];
        if (options.DataDirectory is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            arguments.AddRange(["--location", options.DataDirectory]);
        }

        return arguments;
    }

    private static string? FindOnPath(string? path)
    {
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = FindIn(directory);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindInNodeModules(string currentDirectory)
    {
        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            var found = FindIn(Path.Combine(directory.FullName, "node_modules", ".bin"));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindIn(string directory)
    {
        foreach (var name in Names)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
