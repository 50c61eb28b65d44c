using System.Diagnostics;
using KeyMeter.Functions.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// The app as a real child process in local mode: <c>dotnet KeyMeter.Functions.dll</c> from this test's output, where
/// the build copies it with its function folders, against the test Azurite on a table prefix. Disposing kills it.
/// </summary>
internal sealed class ConsumerProcess : IDisposable
{
    public const string FunctionKey = "consumer-process-function-key-0123";

    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;

    private ConsumerProcess(Process process, DirectoryInfo workingDirectory, int port)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<ConsumerProcess> StartAsync(AzuriteFixture azurite, string tablePrefix)
    {
        var port = AzuriteFixture.FreePort();
        // A directory of its own, so no developer's local.settings.json is found above it.
        var workingDirectory = Directory.CreateTempSubdirectory("keymeter-consumer-");
        var start = new ProcessStartInfo("dotnet",
        [
            typeof(KeyMeterApp).Assembly.Location,
            $"--urls=http://127.0.0.1:{port}",
            "--KeyMeter:Storage:ConnectionString=" + azurite.Azurite.ConnectionString,
            "--KeyMeter:Storage:TablePrefix=" + tablePrefix,
            "--KeyMeter:Local:StartAzurite=false",
            "--KeyMeter:Local:FunctionKey=" + FunctionKey,
            "--KeyMeter:Cursor:Enabled=false",
        ])
        {
            WorkingDirectory = workingDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var consumer = new ConsumerProcess(process, workingDirectory, port);
        await consumer.WaitUntilAnsweringAsync();
        return consumer;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, whatever was in flight is cut off.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public static HttpRequestMessage Post(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", FunctionKey);
        return request;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _workingDirectory.Delete(recursive: true);
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before answering.");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not answer within 30 s.");
    }
}
