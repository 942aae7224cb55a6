using Amazon;
using Amazon.Runtime;
using WindowsNodeOperator.Aws.AutoScaling;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>The real adapter, signer included, over a recording handler that answers per action from a script.</summary>
internal sealed class AutoScalingHarness : IDisposable
{
    private readonly Dictionary<string, Queue<Func<HttpResponseMessage>>> _scripted = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    public AutoScalingHarness(Func<RecordedRequest, HttpResponseMessage>? fallback = null)
    {
        Handler = new RecordingHandler(request =>
            _scripted.TryGetValue(request.Action, out var queue) && queue.Count > 0
                ? queue.Dequeue()()
                : fallback?.Invoke(request) ?? throw new InvalidOperationException($"No answer scripted for {request.Action}."));
        _http = AutoScalingClientFactory.CreateHttpClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), RegionEndpoint.EUWest1, Handler);
        Client = new AutoScalingQueryClient(_http, new Uri("https://autoscaling.eu-west-1.amazonaws.com"));
        Adapter = new AutoScalingAdapter(Client, Pipeline);
    }

    public RecordingHandler Handler { get; }

    public PassThroughPipeline Pipeline { get; } = new();

    public AutoScalingQueryClient Client { get; }

    public AutoScalingAdapter Adapter { get; }

    public IReadOnlyList<RecordedRequest> Requests => Handler.Requests;

    public AutoScalingHarness Answer(string action, string xml, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK)
    {
        if (!_scripted.TryGetValue(action, out var queue))
        {
            _scripted[action] = queue = new Queue<Func<HttpResponseMessage>>();
        }

        queue.Enqueue(() => RecordingHandler.Xml(xml, status));
        return this;
    }

    public void Dispose() => _http.Dispose();
}
