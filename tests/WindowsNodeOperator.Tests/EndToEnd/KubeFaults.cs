using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A fault layer on the wire under the operator's Kubernetes client (in <see cref="OperatorRequests"/>): cuts its open
/// watch streams, answers status writes with 409 Conflict and evictions with API priority and fairness' 429 (with
/// Retry-After) or a 500, each at a rate, from a seeded random so a run repeats. What it answers never reaches the
/// server. The Status bodies are kube-apiserver's.
/// </summary>
internal sealed class KubeFaults(int seed)
{
    private readonly Random _random = new(seed);
    private readonly ConcurrentDictionary<CuttableStream, byte> _watches = new();
    private int _watchesCut;
    private int _conflicts;
    private int _throttles;
    private int _errors;
    private readonly ConcurrentDictionary<string, byte> _goneFor = new(StringComparer.Ordinal);
    private int _gone;

    /// <summary>Of PATCHes to a status subresource, the share answered 409 Conflict.</summary>
    public double StatusConflictRate { get; set; }

    /// <summary>Of evictions, the share answered 429 TooManyRequests by API priority and fairness.</summary>
    public double EvictionThrottleRate { get; set; }

    /// <summary>Of evictions, the share answered 500 InternalError.</summary>
    public double EvictionErrorRate { get; set; }

    /// <summary>Whether a watch resumed after a cut is answered with an HTTP 410 Expired (as kube-apiserver may) instead of being sent.</summary>
    public bool GoneAfterCut { get; set; }

    public int WatchesCut => Volatile.Read(ref _watchesCut);

    /// <summary>Watch requests answered with an HTTP 410.</summary>
    public int Gone => Volatile.Read(ref _gone);

    public int Conflicts => Volatile.Read(ref _conflicts);

    public int Throttles => Volatile.Read(ref _throttles);

    public int Errors => Volatile.Read(ref _errors);

    public int OpenWatches => _watches.Count;

    /// <summary>Ends every open watch stream mid-way, as a proxy or kube-apiserver closing the connection: the client reads its end.</summary>
    public int CutWatches()
    {
        var cut = 0;
        foreach (var stream in _watches.Keys)
        {
            if (stream.Cut())
            {
                if (GoneAfterCut)
                {
                    _goneFor[stream.Path] = 0;
                }

                cut++;
            }
        }

        Interlocked.Add(ref _watchesCut, cut);
        return cut;
    }

    /// <summary>The answer to give instead of sending <paramref name="request"/>, or null to send it.</summary>
    public HttpResponseMessage? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Patch && path.EndsWith("/status", StringComparison.Ordinal) && Roll(StatusConflictRate))
        {
            Interlocked.Increment(ref _conflicts);
            var segments = path.Split('/');
            var name = segments[^2];
            var resource = path.StartsWith("/apis/", StringComparison.Ordinal) ? $"{segments[^3]}.{segments[2]}" : segments[^3];
            return Status(HttpStatusCode.Conflict, "Conflict",
                $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                new JsonObject { ["name"] = name, ["kind"] = segments[^3] });
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/eviction", StringComparison.Ordinal))
        {
            var roll = Roll(1) ? _random.NextDouble() : 1;
            if (roll < EvictionThrottleRate)
            {
                Interlocked.Increment(ref _throttles);
                var throttled = Status((HttpStatusCode)429, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = 1 });
                throttled.Headers.TryAddWithoutValidation("Retry-After", "1");
                return throttled;
            }

            if (roll < EvictionThrottleRate + EvictionErrorRate)
            {
                Interlocked.Increment(ref _errors);
                return Status(HttpStatusCode.InternalServerError, "InternalError", "Internal error occurred: etcdserver: request timed out", null);
            }
        }

        return null;
    }

    /// <summary>A watch response whose stream <see cref="CutWatches"/> can end.</summary>
    public async Task<HttpResponseMessage> WatchAsync(HttpRequestMessage request, Func<Task<HttpResponseMessage>> send)
    {
        // The resumption (from a resourceVersion) of a watch cut: one 410 for each stream cut.
        var path = request.RequestUri!.AbsolutePath;
        if (request.RequestUri.Query.Contains("resourceVersion=", StringComparison.Ordinal) && _goneFor.TryRemove(path, out _))
        {
            Interlocked.Increment(ref _gone);
            return Status(HttpStatusCode.Gone, "Expired", "too old resource version: resumed after the watch was cut", null);
        }

        var response = await send();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var stream = new CuttableStream(path, await response.Content.ReadAsStreamAsync(), s => _watches.TryRemove(s, out _));
        _watches[stream] = 0;
        var content = new StreamContent(stream);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    private bool Roll(double rate)
    {
        lock (_random)
        {
            return rate >= 1 || (rate > 0 && _random.NextDouble() < rate);
        }
    }

    private static HttpResponseMessage Status(HttpStatusCode code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return new HttpResponseMessage(code) { Content = new StringContent(status.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    /// <summary>A watch body that ends (reads 0, the connection closed) once cut; whatever the server sends later is lost.</summary>
    private sealed class CuttableStream(string path, Stream inner, Action<CuttableStream> closed) : Stream
    {
        private readonly CancellationTokenSource _cut = new();

        public string Path => path;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public bool Cut()
        {
            if (_cut.IsCancellationRequested)
            {
                return false;
            }

            _cut.Cancel();
            return true;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_cut.IsCancellationRequested)
            {
                return End();
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cut.Token);
            try
            {
                var read = await inner.ReadAsync(buffer, linked.Token);
                if (read == 0)
                {
                    closed(this);
                }

                return read;
            }
            catch (Exception) when (_cut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return End();
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                closed(this);
                inner.Dispose();
                _cut.Dispose();
            }

            base.Dispose(disposing);
        }

        private int End()
        {
            closed(this);
            inner.Dispose();
            return 0;
        }
    }
}
