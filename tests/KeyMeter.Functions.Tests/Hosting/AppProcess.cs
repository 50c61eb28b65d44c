using System.Diagnostics;
using System.Net;
using System.Text;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// The app as a process of its own (<c>dotnet KeyMeter.Functions.dll</c> from the test output), in local mode on a
/// loopback port, so a test can kill it the hard way (SIGKILL) as a crash or a scale-in would.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, DirectoryInfo workingDirectory, int port)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Against the test Azurite on the table prefix given, with <see cref="RunningApp.FunctionKey"/>, Cursor polling off.</summary>
    public static Task<AppProcess> StartAsync(AzuriteFixture azurite, string tablePrefix, params string[] args) => StartAsync(
    [
        "--KeyMeter:Storage:ConnectionString=" + azurite.Azurite.ConnectionString,
        "--KeyMeter:Storage:TablePrefix=" + tablePrefix,
        "--KeyMeter:Local:StartAzurite=false",
        "--KeyMeter:Local:FunctionKey=" + RunningApp.FunctionKey,
        "--KeyMeter:Cursor:Enabled=false",
        .. args,
    ]);

    public static async Task<AppProcess> StartAsync(params string[] args)
    {
        var port = AzuriteFixture.FreePort();

        // A directory of its own, so no developer's local.settings.json is found above it.
        var workingDirectory = Directory.CreateTempSubdirectory("keymeter-app-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "KeyMeter.Functions.dll"), $"--urls=http://127.0.0.1:{port}", .. args])
        {
            WorkingDirectory = workingDirectory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[KeyMeterAppRoot] = AppContext.BaseDirectory;
        var app = new AppProcess(Process.Start(start)!, workingDirectory, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app._process.ExitCode}:\n{app.Output}");
            }

            try
            {
                using var response = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        await app.DisposeAsync();
        throw new TimeoutException("The app did not answer within 60 s.");
    }

    /// <summary>A POST with a JSON body and the function key.</summary>
    public static HttpRequestMessage Post(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", RunningApp.FunctionKey);
        return request;
    }

    /// <summary>SIGKILL: no shutdown hooks, nothing flushed, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
        _workingDirectory.Delete(recursive: true);
    }

    private const string KeyMeterAppRoot = "FUNCTIONS_APP_ROOT_PATH";

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
