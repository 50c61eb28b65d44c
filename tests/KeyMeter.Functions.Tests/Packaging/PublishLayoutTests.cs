using System.IO.Compression;
using System.Text.Json;

namespace KeyMeter.Functions.Tests.Packaging;

/// <summary>
/// The package azd deploys to Flex Consumption (runtime <c>custom</c>, no .NET on the machine): a self-contained
/// linux-x64 app, host.json naming its executable, every function's function.json, the executable bit kept.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PublishLayoutTests
{
    private readonly PublishedApp _published = PublishedApp.Instance;

    private string Output => _published.Output;

    [Fact]
    public void Publish_Succeeds()
    {
        Assert.True(_published.ExitCode == 0, "dotnet publish failed:\n" + _published.Log);
    }

    [Fact]
    public void HostJson_DefaultExecutablePath_IsAnExecutableElfInThePackage()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        var path = Path.Combine(Output, executable);

        Assert.True(File.Exists(path), $"host.json names '{executable}', which is not in the package.");
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable.");
        var magic = new byte[4];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(magic);
        }

        Assert.Equal(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }, magic);
        Assert.Equal(Path.Combine(Output, "KeyMeter.Functions"), path);
    }

    [Fact]
    public void Package_SelfContainedForLinuxX64()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "KeyMeter.Functions.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");

        Assert.True(options.TryGetProperty("includedFrameworks", out _), "runtimeconfig.json names frameworks to install: the publish is not self-contained.");
        Assert.False(options.TryGetProperty("frameworks", out _));
        Assert.True(options.GetProperty("configProperties").GetProperty("System.Globalization.Invariant").GetBoolean(), "the package would need the image's ICU");
        foreach (var file in new[] { "libhostfxr.so", "libcoreclr.so", "System.Private.CoreLib.dll", "Microsoft.AspNetCore.dll", "KeyMeter.Functions.dll", "KeyMeter.Core.dll", "KeyMeter.Adapters.dll" })
        {
            Assert.True(File.Exists(Path.Combine(Output, file)), file + " is missing from the package.");
        }
    }

    [Fact]
    public void Package_HoldsEveryFunctionJsonOfTheSources_AtItsRoot()
    {
        // Every function.json source lives in FunctionMetadata/<function>/; the package has it at <function>/.
        var project = Path.Combine(_published.Sources, "functions", "KeyMeter.Functions");
        var sources = Directory.EnumerateFiles(project, "function.json", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(project, path))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.All(sources, source => Assert.Matches(@"^FunctionMetadata/[a-z0-9-]+/function\.json$", source));
        var functions = sources.Select(source => source.Split(Path.DirectorySeparatorChar)[1]).ToList();

        Assert.Contains("dashboard", functions);
        Assert.Contains("alert-notify", functions);
        Assert.Equal(
            functions.Select(name => Path.Combine(name, "function.json")),
            Directory.EnumerateFiles(Output, "function.json", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Output, path)).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(Output, "FunctionMetadata")), "the sources' folder itself must not be in the package");
        Assert.All(functions, name => Assert.Equal(
            File.ReadAllText(Path.Combine(project, "FunctionMetadata", name, "function.json")),
            File.ReadAllText(Path.Combine(Output, name, "function.json"))));
    }

    [Fact]
    public void Package_LeavesOutLocalSettingsAndDocumentation()
    {
        Assert.False(File.Exists(Path.Combine(Output, "local.settings.json")));
        Assert.Empty(Directory.EnumerateFiles(Output, "KeyMeter.*.xml"));
        Assert.DoesNotContain(Directory.EnumerateFiles(Output, "*.json", SearchOption.AllDirectories), file => File.ReadAllText(file).Contains("sk-local-only", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_AsAzdMakesIt_KeepsTheExecutableBit()
    {
        // azd zips the publish folder keeping each file's mode (pkg/rzip); .NET's zip writer on Unix does the same.
        var zip = Path.Combine(Path.GetTempPath(), "keymeter-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            ZipFile.CreateFromDirectory(Output, zip);
            using var archive = ZipFile.OpenRead(zip);
            var entry = archive.GetEntry("KeyMeter.Functions")!;
            var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);

            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"mode in the zip is {mode}");
            Assert.NotNull(archive.GetEntry("host.json"));
            Assert.NotNull(archive.GetEntry("usage-aggregate/function.json"));
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
