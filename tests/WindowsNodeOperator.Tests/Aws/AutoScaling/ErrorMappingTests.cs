using System.Net;
using Amazon.Runtime;
using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("Throttling", HttpStatusCode.BadRequest, typeof(ThrottlingException))]
    [InlineData("InstanceRefreshInProgress", HttpStatusCode.BadRequest, typeof(InstanceRefreshInProgressException))]
    [InlineData("ActiveInstanceRefreshNotFound", HttpStatusCode.BadRequest, typeof(ActiveInstanceRefreshNotFoundException))]
    [InlineData("ValidationError", HttpStatusCode.BadRequest, typeof(ValidationException))]
    [InlineData("ResourceContention", HttpStatusCode.InternalServerError, typeof(ResourceContentionException))]
    [InlineData("ScalingActivityInProgress", HttpStatusCode.BadRequest, typeof(ScalingActivityInProgressException))]
    [InlineData("LimitExceeded", HttpStatusCode.BadRequest, typeof(LimitExceededException))]
    [InlineData("ServiceLinkedRoleFailure", HttpStatusCode.InternalServerError, typeof(ServiceLinkedRoleFailureException))]
    [InlineData("IrreversibleInstanceRefresh", HttpStatusCode.BadRequest, typeof(IrreversibleInstanceRefreshException))]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, typeof(AutoScalingServiceException))]
    public async Task Maps_each_error_code_to_its_exception_with_code_status_and_request_id(string code, HttpStatusCode status, Type expected)
    {
        using var harness = new AutoScalingHarness(_ => RecordingHandler.Xml(
            Samples.Error("Sender", code, $"{code} happened.", "5a1d5e1f-0000-4000-8000-00000000beef"), status));

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(
            () => harness.Adapter.DescribeScalingActivitiesAsync("eks-windows-a", CancellationToken.None));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("5a1d5e1f-0000-4000-8000-00000000beef", error.RequestId);
        Assert.Equal($"{code} happened.", error.Message);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
    }

    [Fact]
    public async Task A_running_refresh_is_answered_AlreadyRunning_at_the_port()
    {
        using var harness = new AutoScalingHarness().Answer(
            "StartInstanceRefresh",
            Samples.Error("Sender", "InstanceRefreshInProgress", "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh."),
            HttpStatusCode.BadRequest);

        var answer = await harness.Adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), CancellationToken.None);

        Assert.Equal(RefreshStart.AlreadyRunning, answer);
    }

    [Theory]
    [InlineData("ActiveInstanceRefreshNotFound", "No in progress or pending Instance Refresh found for Auto Scaling group.", "NoneActive")]
    [InlineData("IrreversibleInstanceRefresh", "The Auto Scaling group uses the launch template's $Latest version.", "Irreversible")]
    public async Task A_rollback_that_cannot_happen_is_answered_at_the_port(string code, string message, string outcome)
    {
        var expected = Enum.Parse<RefreshRollbackOutcome>(outcome);
        using var harness = new AutoScalingHarness().Answer("RollbackInstanceRefresh", Samples.Error("Sender", code, message), HttpStatusCode.BadRequest);

        var answer = await harness.Adapter.RollbackInstanceRefreshAsync("eks-windows-a", CancellationToken.None);

        Assert.Equal((expected, (string?)null), (answer.Outcome, answer.RefreshId));
    }

    [Fact]
    public async Task A_non_xml_failure_keeps_its_status_and_names_it_as_the_code()
    {
        using var harness = new AutoScalingHarness(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("<html><body>503 Service Temporarily Unavailable</body>"),
        });

        var error = await Assert.ThrowsAsync<AutoScalingServiceException>(
            () => harness.Adapter.DescribeLifecycleHooksAsync("eks-windows-a", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(ErrorType.Receiver, error.ErrorType);
        Assert.Null(error.RequestId);
    }

    [Fact]
    public void Reads_receiver_faults()
    {
        var error = AutoScalingErrors.FromResponse(
            HttpStatusCode.InternalServerError, Samples.Error("Receiver", "InternalFailure", "We encountered an internal error."));

        Assert.Equal(("InternalFailure", ErrorType.Receiver), (error.ErrorCode, error.ErrorType));
        Assert.IsType<AutoScalingServiceException>(error);
    }
}
