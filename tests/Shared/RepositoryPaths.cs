namespace KeyMeter.Testing;

/// <summary>Where the repository is, found from the test binaries upwards (the folder holding <c>Serverless.sln</c>).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Serverless.sln was not found above " + AppContext.BaseDirectory);
    }
}
