using KeyMeter.Core.Secrets;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Deployment;

/// <summary>The Bicep against the code: names on both sides, and proof the check fails when they drift apart.</summary>
public sealed class DeploymentConsistencyTests : IDisposable
{
    /// <summary>The function.json sources, one folder per function as in the package.</summary>
    private static readonly string AppRoot = RepositoryPaths.Combine("functions", "KeyMeter.Functions", "FunctionMetadata");
    private static readonly string Bicep = RepositoryPaths.Combine("bicep");
    private readonly string _scratch = Directory.CreateTempSubdirectory("keymeter-consistency-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Repository_CodeAndBicepAgree()
    {
        var code = CodeNames.Read(AppRoot);

        Assert.Empty(DeploymentConsistency.Problems(code, BicepNames.Read(Bicep)));
        Assert.Contains("usage", code.FunctionQueues);
        Assert.Contains("alerts", code.FunctionQueues);
        Assert.Contains("deliveries", CodeNames.Tables);
    }

    [Fact]
    public void FunctionJsonNamesAQueueBicepLacks_Fails()
    {
        var root = CopyFunctionJsons();
        Directory.CreateDirectory(Path.Combine(root, "invoice-notify"));
        File.WriteAllText(Path.Combine(root, "invoice-notify", "function.json"), """
            { "bindings": [ { "type": "serviceBusTrigger", "direction": "in", "name": "message", "queueName": "invoices", "connection": "ServiceBusConnection" } ] }
            """);

        var problems = DeploymentConsistency.Problems(CodeNames.Read(root), BicepNames.Read(Bicep));

        Assert.Equal(["Queue 'invoices' is used by the code or a function.json but bicep/ does not create it."], problems);
    }

    [Fact]
    public void FunctionJsonWithANewConnection_FailsUntilBicepSetsIt()
    {
        var root = CopyFunctionJsons();
        var path = Path.Combine(root, "alert-notify", "function.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"ServiceBusConnection\"", "\"AlertsBus\"", StringComparison.Ordinal));

        var problems = DeploymentConsistency.Problems(CodeNames.Read(root), BicepNames.Read(Bicep));

        Assert.Contains("App setting 'AlertsBus__fullyQualifiedNamespace' is needed in Azure but bicep/ does not set it.", problems);
    }

    [Fact]
    public void BicepWithAnExtraQueueTableAndSetting_Fails()
    {
        var bicep = CopyBicep();
        var main = Path.Combine(bicep, "main.bicep");
        var text = File.ReadAllText(main);
        Assert.Contains("'alerts'", text, StringComparison.Ordinal);
        Assert.Contains("'digeststate'", text, StringComparison.Ordinal);
        File.WriteAllText(main, text.Replace("'alerts'", "'alerts'\n  'spare'", StringComparison.Ordinal).Replace("'digeststate'", "'digeststate'\n  'scratch'", StringComparison.Ordinal));
        var app = Path.Combine(bicep, "modules", "functionapp.bicep");
        var appText = File.ReadAllText(app);
        Assert.Contains("KeyMeter__Cursor__Enabled:", appText, StringComparison.Ordinal);
        File.WriteAllText(app, appText.Replace("KeyMeter__Cursor__Enabled:", "KeyMeter__Cursor__Enabeld: 'true'\n    KeyMeter__Cursor__Enabled:", StringComparison.Ordinal));

        var problems = DeploymentConsistency.Problems(CodeNames.Read(AppRoot), BicepNames.Read(bicep));

        Assert.Equal(
            [
                "bicep/ creates queue 'spare', which no function.json or sender uses.",
                "bicep/ creates table 'scratch', which the code does not use.",
                "bicep/ sets app setting 'KeyMeter__Cursor__Enabeld', which neither the host nor any KeyMeter options class reads.",
            ],
            problems);
    }

    [Fact]
    public void IsKeyMeterSetting_NestedAndCaseInsensitive()
    {
        Assert.True(CodeNames.IsKeyMeterSetting("KeyMeter__Notifications__Email__Sender"));
        Assert.True(CodeNames.IsKeyMeterSetting("KeyMeter__KeyVaultUri"));
        Assert.True(CodeNames.IsKeyMeterSetting("KeyMeter__Storage__TableServiceUri"));
        Assert.True(CodeNames.IsKeyMeterSetting("KeyMeter__Digests__TimeZone"));
        Assert.False(CodeNames.IsKeyMeterSetting("KeyMeter__Notifications__Email__Colour"));
        Assert.False(CodeNames.IsKeyMeterSetting("KeyMeter__Nothing__Here"));
    }

    [Fact]
    public void EverySectionName_IsItsFullPathUnderKeyMeter()
    {
        Assert.Contains(CodeNames.SectionNames, entry => entry.Type == typeof(Core.Cursor.CursorOptions));
        Assert.Contains(CodeNames.SectionNames, entry => entry.Type == typeof(Functions.Local.LocalOptions));

        Assert.All(CodeNames.SectionNames, entry => Assert.Matches("^KeyMeter(:[A-Z][A-Za-z]+)*$", entry.Name));
    }

    [Fact]
    public void EverySecret_NamedInTheDeployHookAndTheReadme()
    {
        var hook = File.ReadAllText(RepositoryPaths.Combine("azure.yaml"));
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.All(SecretNames.All, secret =>
        {
            Assert.Contains(secret, hook, StringComparison.Ordinal);
            Assert.Contains("--name " + secret, readme, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void BicepSyntaxError_CheckFails()
    {
        var bicep = CopyBicep();
        File.AppendAllText(Path.Combine(bicep, "modules", "storage.bicep"), "\nresource broken 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n");

        var error = Assert.ThrowsAny<Exception>(() => BicepNames.Read(bicep));

        Assert.Contains("storage.bicep", error.Message, StringComparison.Ordinal);
    }

    private string CopyFunctionJsons()
    {
        // Only <function>/function.json, as the Functions host reads them.
        var root = Path.Combine(_scratch, "app");
        TestFiles.CopyTree(AppRoot, root, relative => relative.Split(Path.DirectorySeparatorChar) is [_, "function.json"]);
        return root;
    }

    private string CopyBicep()
    {
        var root = Path.Combine(_scratch, "bicep");
        TestFiles.CopyTree(Bicep, root);
        return root;
    }
}
