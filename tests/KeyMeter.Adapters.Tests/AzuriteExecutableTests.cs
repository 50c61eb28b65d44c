using KeyMeter.Adapters.Emulator;

namespace KeyMeter.Adapters.Tests;

public sealed class AzuriteExecutableTests : IDisposable
{
    private static readonly string ExecutableName = OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("keymeter-azurite-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Resolve_EnvironmentVariableSet_UsesItFirst()
    {
        var onPath = CreateExecutable(Path.Combine(_root.FullName, "bin"));
        var environment = Environment(("KEYMETER_AZURITE_PATH", "/opt/azurite/azurite-table"), ("PATH", Path.GetDirectoryName(onPath)));

        var command = AzuriteExecutable.Resolve(new AzuriteLaunchOptions(4242, null), environment, _root.FullName);

        Assert.Equal("/opt/azurite/azurite-table", command.FileName);
    }

    [Fact]
    public void Resolve_OnPath_UsesPathBeforeNodeModules()
    {
        var onPath = CreateExecutable(Path.Combine(_root.FullName, "bin"));
        CreateExecutable(Path.Combine(_root.FullName, "node_modules", ".bin"));
        var environment = Environment(("PATH", string.Join(Path.PathSeparator, Path.Combine(_root.FullName, "empty"), Path.GetDirectoryName(onPath))));

        var command = AzuriteExecutable.Resolve(new AzuriteLaunchOptions(4242, null), environment, _root.FullName);

        Assert.Equal(onPath, command.FileName);
        Assert.False(command.MayDownload);
    }

    [Fact]
    public void Resolve_NodeModulesInParent_FindsIt()
    {
        var local = CreateExecutable(Path.Combine(_root.FullName, "node_modules", ".bin"));
        var nested = Directory.CreateDirectory(Path.Combine(_root.FullName, "a", "b")).FullName;

        var command = AzuriteExecutable.Resolve(new AzuriteLaunchOptions(4242, null), Environment(("PATH", "")), nested);

        Assert.Equal(local, command.FileName);
    }

    [Fact]
    public void Resolve_NothingInstalled_FallsBackToPinnedNpx()
    {
        var command = AzuriteExecutable.Resolve(new AzuriteLaunchOptions(4242, null), Environment(("PATH", "")), _root.FullName);

        Assert.Equal(OperatingSystem.IsWindows() ? "npx.cmd" : "npx", command.FileName);
        Assert.Equal(["--yes", "--package", "azurite@3.37.0", "azurite-table"], command.Arguments.Take(4));
        Assert.Contains("--tablePort", command.Arguments);
        Assert.True(command.MayDownload);
    }

    [Fact]
    public void TableArguments_InMemory_RunsTableServiceOnlyOnHostAndPort()
    {
        var arguments = AzuriteExecutable.TableArguments(new AzuriteLaunchOptions(4242, null, "127.0.0.2"));

        Assert.Equal(
            ["--tableHost", "127.0.0.2", "--tablePort", "4242", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry", "--inMemoryPersistence"],
            arguments);
    }

    [Fact]
    public void TableArguments_DataDirectory_PersistsThere()
    {
        var arguments = AzuriteExecutable.TableArguments(new AzuriteLaunchOptions(4242, "/data/azurite dir"));

        Assert.Equal(["--location", "/data/azurite dir"], arguments.TakeLast(2));
        Assert.DoesNotContain("--inMemoryPersistence", arguments);
    }

    [Fact]
    public void ToString_ArgumentWithSpace_IsQuoted()
    {
        var command = new AzuriteCommandLine("azurite-table", ["--location", "/data/azurite dir"]);

        Assert.Equal("azurite-table --location \"/data/azurite dir\"", command.ToString());
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string CreateExecutable(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ExecutableName);
        File.WriteAllText(path, "");
        return path;
    }
}
