using System.Net.Http.Headers;
using System.Xml.Linq;
using WindowsNodeOperator.Aws.AutoScaling.Errors;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// Sends one Query request (one attempt, no retries) through an <see cref="HttpClient"/> whose handler
/// signs it, and returns the operation's <c>&lt;OpResult&gt;</c> element or throws the mapped error.
/// </summary>
internal sealed class AutoScalingQueryClient(HttpClient http, Uri endpoint)
{
    public Uri Endpoint { get; } = endpoint;

    public async Task<XElement> SendAsync(QueryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(request.ToForm()),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };

        using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw AutoScalingErrors.FromResponse(response.StatusCode, body);
        }

        var root = XDocument.Parse(body).Root
            ?? throw new FormatException($"{request.Action} answered an empty document.");
        return root.Child($"{request.Action}Result") ?? root;
    }
}
