using System.Net.Http.Headers;
using System.Xml.Linq;
using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// Sends one Query request (one attempt, no retries) through an <see cref="HttpClient"/> whose handler
/// signs it, and returns the operation's <c>&lt;OpResult&gt;</c> element or throws the mapped error.
/// </summary>
internal sealed class AutoScalingQueryClient(HttpClient http, Uri endpoint, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Uri Endpoint { get; } = endpoint;

    public async Task<XElement> SendAsync(QueryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(request.ToForm()),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };

        // The answer is parsed as it arrives: a describe of 50 groups of 100 instances is megabytes, which buffered whole (bytes,
        // then a string) would land on the large object heap on every look.
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var error = AutoScalingErrors.FromResponse(response.StatusCode, body);
            if (RetryAfter(response) is { } wait)
            {
                error.Data[AwsErrorClassifier.RetryAfterDataKey] = wait;
            }

            throw error;
        }

        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var root = (await XDocument.LoadAsync(stream, LoadOptions.None, ct).ConfigureAwait(false)).Root
                ?? throw new FormatException($"{request.Action} answered an empty document.");
            return root.Child($"{request.Action}Result") ?? root;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };
}
