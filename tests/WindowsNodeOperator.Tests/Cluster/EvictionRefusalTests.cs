using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using Polly.Timeout;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Tests.Cluster;

/// <summary>Reading kube-apiserver's eviction refusals, and which failures the resilience pipelines retry.</summary>
public sealed class EvictionRefusalTests
{
    [Fact]
    public void A_429_names_the_budget_from_its_DisruptionBudget_cause()
    {
        var failure = Failure(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
            ("DisruptionBudget", "The disruption budget web-frontend needs 3 healthy pods and has 3 currently"));

        var result = EvictionRefusal.ToResult(failure);

        Assert.Equal(EvictionOutcome.Blocked, result.Outcome);
        Assert.Equal("web-frontend", result.DisruptionBudget);
    }

    [Fact]
    public void A_budget_still_being_processed_is_named_too()
    {
        var failure = Failure(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
            ("DisruptionBudget", "The disruption budget orders.api is still being processed by the server."));

        Assert.Equal("orders.api", EvictionRefusal.BudgetName(failure));
    }

    [Fact]
    public void A_429_with_the_violation_message_and_no_cause_is_Blocked_with_no_name()
    {
        var result = EvictionRefusal.ToResult(Failure(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget."));

        Assert.Equal(EvictionOutcome.Blocked, result.Outcome);
        Assert.Null(result.DisruptionBudget);
    }

    [Fact]
    public void A_429_of_API_priority_and_fairness_is_a_failed_call_not_a_budget()
    {
        // kube-apiserver's throttle: no budget in the message, no DisruptionBudget cause (and a Retry-After header).
        var result = EvictionRefusal.ToResult(Failure(429, "TooManyRequests", "Too many requests, please try again later."));

        Assert.Equal(EvictionOutcome.Error, result.Outcome);
        Assert.Equal(429, result.StatusCode);
        Assert.Null(result.DisruptionBudget);
    }

    [Fact]
    public void Eviction_retries_a_throttling_429_after_its_Retry_After_but_not_a_budget_429()
    {
        var throttle = Http(HttpStatusCode.TooManyRequests, """{"kind":"Status","status":"Failure","reason":"TooManyRequests","message":"Too many requests, please try again later.","code":429,"details":{"retryAfterSeconds":3}}""", retryAfter: "3");
        var budget = Http(HttpStatusCode.TooManyRequests, """{"kind":"Status","status":"Failure","reason":"TooManyRequests","message":"Cannot evict pod as it would violate the pod's disruption budget.","code":429,"details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget web needs 3 healthy pods and has 3 currently"}]}}""");

        Assert.True(ClusterResilience.ShouldRetry(throttle, forEviction: true));
        Assert.False(ClusterResilience.ShouldRetry(budget, forEviction: true));
        Assert.Equal(TimeSpan.FromSeconds(3), ClusterResilience.RetryAfter(throttle));
        Assert.Null(ClusterResilience.RetryAfter(budget));
        Assert.Equal(ClusterResilience.MaxRetryAfter, ClusterResilience.RetryAfter(Http(HttpStatusCode.TooManyRequests, "", retryAfter: "3600")));
    }

    [Theory]
    [InlineData(404, "Gone")]
    [InlineData(500, "Error")]
    [InlineData(403, "Error")]
    public void Other_answers_map_to_Gone_or_Error(int code, string expected)
    {
        var result = EvictionRefusal.ToResult(Failure(code, "Whatever", "message"));

        Assert.Equal(expected, result.Outcome.ToString());
        Assert.Equal(code, result.StatusCode);
    }

    [Fact]
    public void The_Status_body_of_an_HTTP_error_is_read()
    {
        var status = """{"kind":"Status","status":"Failure","reason":"TooManyRequests","message":"no","code":429,"details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget pdb-1 needs 1 healthy pods and has 1 currently"}]}}""";
        var exception = Http(HttpStatusCode.TooManyRequests, status);

        var failure = ApiFailure.From(exception);

        Assert.Equal(429, failure.StatusCode);
        Assert.Equal("TooManyRequests", failure.Reason);
        Assert.Equal("pdb-1", EvictionRefusal.BudgetName(failure));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, false, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true, true)]
    [InlineData(HttpStatusCode.InternalServerError, false, true)]
    [InlineData(HttpStatusCode.Conflict, false, false)]
    [InlineData(HttpStatusCode.NotFound, true, false)]
    public void Retries_5xx_and_429_except_a_budget_429_from_eviction(HttpStatusCode code, bool forEviction, bool expected)
    {
        Assert.Equal(expected, ClusterResilience.ShouldRetry(Http(code, ""), forEviction));
    }

    [Fact]
    public void Retries_connection_failures_and_attempt_timeouts_but_not_cancellation()
    {
        Assert.True(ClusterResilience.ShouldRetry(new HttpRequestException("connection refused"), forEviction: true));
        Assert.True(ClusterResilience.ShouldRetry(new TimeoutRejectedException(), forEviction: false));
        Assert.False(ClusterResilience.ShouldRetry(new OperationCanceledException(), forEviction: false));
    }

    [Fact]
    public void Selectors_match_labels_and_expressions_and_a_null_selector_covers_nothing()
    {
        var pod = new ClusterPod(new PodKey("apps", "web-1"), "u", "Running", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" },
            null, "ReplicaSet", false, false, null, false);
        var selector = new PodSelector(
            new Dictionary<string, string> { ["app"] = "web" },
            [new SelectorExpression("tier", "In", ["front", "edge"]), new SelectorExpression("canary", "DoesNotExist", [])]);

        Assert.True(new DisruptionBudgetInfo("apps", "web", selector, 0).Covers(pod));
        Assert.False(new DisruptionBudgetInfo("other", "web", selector, 0).Covers(pod));
        Assert.True(new DisruptionBudgetInfo("apps", "all", new PodSelector(new Dictionary<string, string>(), []), 0).Covers(pod));
        Assert.False(new DisruptionBudgetInfo("apps", "none", null, 0).Covers(pod));
        Assert.False(new DisruptionBudgetInfo("apps", "not", selector with { Expressions = [new SelectorExpression("tier", "NotIn", ["front"])] }, 0).Covers(pod));
    }

    private static ApiFailure Failure(int code, string reason, string message, params (string Reason, string Message)[] causes)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message }).ToArray()),
        };
        return new ApiFailure(code, reason, message, details);
    }

    private static HttpOperationException Http(HttpStatusCode code, string content, string? retryAfter = null)
    {
        var response = new HttpResponseMessage(code);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return new($"Operation returned an invalid status code '{code}'") { Response = new HttpResponseMessageWrapper(response, content) };
    }
}
