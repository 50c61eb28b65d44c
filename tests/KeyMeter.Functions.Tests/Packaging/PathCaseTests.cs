using System.Diagnostics;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Packaging;

/// <summary>
/// On Windows and macOS (case-insensitive file systems) two paths that differ only by case are one: a clone there would
/// merge the two folders, and MSBuild globs would take files from both. So the repository has none.
/// </summary>
public sealed class PathCaseTests
{
    [Fact]
    public void GitLsFiles_NoTwoPathsDifferOnlyByCase()
    {
        var files = TrackedFiles();
        Assert.Contains("functions/KeyMeter.Functions/KeyMeter.Functions.csproj", files);

        var clashes = CaseClashes(files);

        Assert.True(clashes.Count == 0, "Paths that differ only by case:\n" + string.Join("\n", clashes.Select(clash => string.Join("  ", clash))));
    }

    [Fact]
    public void CaseClashes_FolderFolderAndFileFolderAndFileFile_AreFound()
    {
        var clashes = CaseClashes(
        [
            "app/Manage/ManageEndpoints.cs",
            "app/manage/function.json",
            "app/Dashboard/page.html",
            "app/dashboard",
            "README.md",
            "docs/readme.md",
            "docs/README.md",
            "app/Reports/ReportEndpoints.cs",
        ]);

        Assert.Equal(
            [["app/Dashboard", "app/dashboard"], ["app/Manage", "app/manage"], ["docs/README.md", "docs/readme.md"]],
            clashes);
    }

    /// <summary>Every path and every folder above it, grouped by their upper-case form; groups of more than one, sorted.</summary>
    private static List<string[]> CaseClashes(IEnumerable<string> files) =>
        [.. files
            .SelectMany(file => file.Split('/').Select((_, depth) => string.Join('/', file.Split('/').Take(depth + 1))))
            .Distinct(StringComparer.Ordinal)
            .GroupBy(path => path.ToUpperInvariant(), StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Order(StringComparer.Ordinal).ToArray())
            .OrderBy(group => group[0], StringComparer.Ordinal)];

    private static List<string> TrackedFiles()
    {
        var start = new ProcessStartInfo("git", ["-C", RepositoryPaths.Root, "ls-files", "-z"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var errors = git.StandardError.ReadToEndAsync();
        Assert.True(git.WaitForExit(TimeSpan.FromMinutes(1)), "git ls-files did not finish in a minute.");
        Assert.True(git.ExitCode == 0, $"git ls-files failed ({git.ExitCode}): {errors.Result}");
        return [.. output.Result.Split('\0', StringSplitOptions.RemoveEmptyEntries)];
    }
}
