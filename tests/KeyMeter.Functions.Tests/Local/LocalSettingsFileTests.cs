using KeyMeter.Functions.Local;
using Microsoft.Extensions.Configuration;

namespace KeyMeter.Functions.Tests.Local;

public sealed class LocalSettingsFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("keymeter-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Find_FileInParent_Found()
    {
        File.WriteAllText(Path.Combine(_root, LocalSettingsFile.FileName), "{}");
        var child = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;

        Assert.Equal(Path.Combine(_root, LocalSettingsFile.FileName), LocalSettingsFile.Find(child));
    }

    [Fact]
    public void ReadValues_DoubleUnderscore_NestsAndEnvironmentWins()
    {
        var path = Path.Combine(_root, LocalSettingsFile.FileName);
        File.WriteAllText(path, """
            { "IsEncrypted": false,
              "Values": { "KeyMeter__Storage__TablePrefix": "fromfile", "KeyMeter__Local__FunctionKey": "file-key-0123456789" } }
            """);
        var builder = new ConfigurationBuilder()
            .AddEnvironmentVariables("KEYMETER_TEST_UNUSED_")
            .AddInMemoryCollection(new Dictionary<string, string?> { ["KeyMeter:Local:FunctionKey"] = "env-key-0123456789" });

        LocalSettingsFile.AddBelowEnvironment(builder, LocalSettingsFile.ReadValues(path));
        var configuration = builder.Build();

        Assert.Equal("fromfile", configuration["KeyMeter:Storage:TablePrefix"]);
        Assert.Equal("env-key-0123456789", configuration["KeyMeter:Local:FunctionKey"]);
    }

    [Fact]
    public void ReadValues_MalformedFile_ErrorNamesTheFile()
    {
        var path = Path.Combine(_root, LocalSettingsFile.FileName);
        File.WriteAllText(path, "{ \"Values\": ");

        var exception = Assert.Throws<InvalidOperationException>(() => LocalSettingsFile.ReadValues(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }
}
