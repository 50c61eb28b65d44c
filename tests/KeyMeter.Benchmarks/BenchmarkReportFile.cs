namespace KeyMeter.Benchmarks;

/// <summary>
/// Where a benchmark's Markdown report is kept besides stdout: <c>BenchmarkDotNet.Artifacts/&lt;name&gt;-benchmark</c>
/// with the Markdown extension, under the working directory, beside BenchmarkDotNet's own results (git-ignored).
/// </summary>
internal static class BenchmarkReportFile
{
    /// <summary>Writes <paramref name="markdown"/> for the benchmark <paramref name="name"/>; returns the file's path.</summary>
    public static async Task<string> WriteAsync(string name, string markdown, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", Path.ChangeExtension(name + "-benchmark", "md"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        return path;
    }

    /// <summary>Writes <paramref name="markdown"/> to stdout and to its file, and tells <paramref name="progress"/> where the file is.</summary>
    public static async Task PublishAsync(string name, string markdown, Action<string> progress, CancellationToken cancellationToken)
    {
        Console.Out.Write(markdown);
        progress($"written to {await WriteAsync(name, markdown, cancellationToken)}");
    }
}
