using Amazon.EC2;
using Amazon.EC2.Model;
using Moq;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.Ec2;

public sealed class Ec2LaunchTemplatesTests
{
    private readonly Mock<IAmazonEC2> _ec2 = new(MockBehavior.Strict);
    private readonly RecordingPipeline _pipeline = new();
    private readonly List<DescribeLaunchTemplateVersionsRequest> _describes = [];
    private readonly List<CreateLaunchTemplateVersionRequest> _creates = [];

    public Ec2LaunchTemplatesTests()
    {
        _ec2.Setup(e => e.DescribeLaunchTemplateVersionsAsync(It.IsAny<DescribeLaunchTemplateVersionsRequest>(), It.IsAny<CancellationToken>()))
            .Returns<DescribeLaunchTemplateVersionsRequest, CancellationToken>((request, _) =>
            {
                _describes.Add(request);
                return Task.FromResult(new DescribeLaunchTemplateVersionsResponse
                {
                    LaunchTemplateVersions =
                    [
                        new LaunchTemplateVersion
                        {
                            LaunchTemplateId = "lt-0123",
                            LaunchTemplateName = "windows-nodes",
                            VersionNumber = 7,
                            LaunchTemplateData = new ResponseLaunchTemplateData { ImageId = "ami-0old" },
                        },
                    ],
                });
            });
        _ec2.Setup(e => e.CreateLaunchTemplateVersionAsync(It.IsAny<CreateLaunchTemplateVersionRequest>(), It.IsAny<CancellationToken>()))
            .Returns<CreateLaunchTemplateVersionRequest, CancellationToken>((request, _) =>
            {
                _creates.Add(request);
                return Task.FromResult(new CreateLaunchTemplateVersionResponse
                {
                    LaunchTemplateVersion = new LaunchTemplateVersion { LaunchTemplateId = "lt-0123", LaunchTemplateName = "windows-nodes", VersionNumber = 8 },
                });
            });
    }

    [Fact]
    public async Task Resolves_latest_to_its_explicit_version_and_image()
    {
        var image = await Templates().GetImageIdAsync(new LaunchTemplateRef(null, "windows-nodes", LaunchTemplateRef.Latest), CancellationToken.None);

        Assert.Equal(new LaunchTemplateImage(new LaunchTemplateRef("lt-0123", "windows-nodes", "7"), "ami-0old"), image);
        var request = Assert.Single(_describes);
        Assert.Equal(("windows-nodes", "$Latest", true), (request.LaunchTemplateName, request.Versions.Single(), request.ResolveAlias));
        Assert.Null(request.LaunchTemplateId);
    }

    [Fact]
    public async Task Creates_a_version_from_the_pinned_source_changing_only_the_image()
    {
        var created = await Templates().CreateVersionWithImageAsync(
            new LaunchTemplateRef("lt-0123", "windows-nodes", LaunchTemplateRef.Default), "ami-0new", "AMI ami-0new", CancellationToken.None);

        Assert.Equal(new LaunchTemplateRef("lt-0123", "windows-nodes", "8"), created);
        Assert.True(created.IsExplicit);
        var request = Assert.Single(_creates);
        Assert.Equal(("lt-0123", null, "7", "AMI ami-0new"), (request.LaunchTemplateId, request.LaunchTemplateName, request.SourceVersion, request.VersionDescription));
        Assert.Equal("ami-0new", request.LaunchTemplateData.ImageId);
        Assert.Null(request.LaunchTemplateData.InstanceType);
        Assert.Null(request.LaunchTemplateData.UserData);
        Assert.Equal(["DescribeLaunchTemplateVersions", "CreateLaunchTemplateVersion"], _pipeline.Calls.Select(c => c.Operation));
    }

    [Fact]
    public async Task An_explicit_source_needs_no_lookup_and_the_same_request_carries_the_same_token()
    {
        var source = new LaunchTemplateRef("lt-0123", null, "7");

        await Templates().CreateVersionWithImageAsync(source, "ami-0new", "d", CancellationToken.None);
        await Templates().CreateVersionWithImageAsync(source, "ami-0new", "d", CancellationToken.None);
        await Templates().CreateVersionWithImageAsync(source, "ami-0other", "d", CancellationToken.None);

        Assert.Empty(_describes);
        Assert.Equal(_creates[0].ClientToken, _creates[1].ClientToken);
        Assert.NotEqual(_creates[0].ClientToken, _creates[2].ClientToken);
        Assert.InRange(_creates[0].ClientToken.Length, 1, 128);
    }

    [Fact]
    public async Task A_reference_needs_an_id_or_a_name()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Templates().GetImageIdAsync(new LaunchTemplateRef(null, null, "1"), CancellationToken.None));
    }

    private Ec2LaunchTemplates Templates() => new(_ec2.Object, _pipeline);
}
