using System.Net.Http.Headers;

namespace WindowsNodeOperator.Notifications;

/// <summary>One POST of a notification, with a timeout on the injected clock, classified for the retry loop.</summary>
internal sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public async Task<SendResult> SendAsync(Uri url, NotificationPayload payload, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload.ToUtf8Json()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", payload.Id);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var detail = $"HTTP {code}";
            return code switch
            {
                >= 200 and < 300 => new SendResult(SendOutcome.Delivered, detail),
                408 or 429 or >= 500 => new SendResult(SendOutcome.Retry, detail, RetryAfter(response.Headers.RetryAfter)),
                _ => new SendResult(SendOutcome.Rejected, detail),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new SendResult(SendOutcome.Retry, $"no answer within {timeout}");
        }
        catch (HttpRequestException e)
        {
            // The message can name the host; the error kind is enough and names nothing.
            return new SendResult(SendOutcome.Retry, $"connection error ({e.HttpRequestError})");
        }
    }

    // https://www.rfc-editor.org/rfc/rfc9110#field.retry-after: seconds, or an HTTP date.
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
}
