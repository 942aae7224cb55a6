using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>CreateLaunchTemplateVersion and DescribeLaunchTemplateVersions against moto.</summary>
[Collection(MotoCollectionDefinition.Name)]
public sealed class LaunchTemplatesContractTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Creates_a_version_that_changes_only_the_image_and_reads_it_back()
    {
        var created = await _aws.Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = "windows-nodes",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = "ami-0aaaaaaaaaaaaaaaa", InstanceType = InstanceType.M5Large },
        });
        var id = created.LaunchTemplate.LaunchTemplateId;
        var templates = new Ec2LaunchTemplates(_aws.Ec2, _aws.Pipeline);

        var before = await templates.GetImageIdAsync(new LaunchTemplateRef(null, "windows-nodes", LaunchTemplateRef.Latest), CancellationToken.None);
        var next = await templates.CreateVersionWithImageAsync(
            new LaunchTemplateRef(id, null, LaunchTemplateRef.Default), "ami-0bbbbbbbbbbbbbbbb", "Windows AMI ami-0bbbbbbbbbbbbbbbb", CancellationToken.None);
        var after = await templates.GetImageIdAsync(new LaunchTemplateRef(id, null, LaunchTemplateRef.Latest), CancellationToken.None);
        var byNumber = await templates.GetImageIdAsync(new LaunchTemplateRef(null, "windows-nodes", "1"), CancellationToken.None);

        Assert.Equal(new LaunchTemplateImage(new LaunchTemplateRef(id, "windows-nodes", "1"), "ami-0aaaaaaaaaaaaaaaa"), before);
        Assert.Equal(new LaunchTemplateRef(id, "windows-nodes", "2"), next);
        Assert.Equal(new LaunchTemplateImage(next, "ami-0bbbbbbbbbbbbbbbb"), after);
        Assert.Equal("ami-0aaaaaaaaaaaaaaaa", byNumber.ImageId);
        var raw = await _aws.Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest { LaunchTemplateId = id, Versions = ["2"] });
        var version = Assert.Single(raw.LaunchTemplateVersions);
        Assert.Equal("Windows AMI ami-0bbbbbbbbbbbbbbbb", version.VersionDescription);
        // moto 5 does not copy the source version's data into the new one (EC2 does), so the inherited instance
        // type cannot be checked here; Ec2LaunchTemplatesTests checks that SourceVersion is sent and only ImageId set.
        Assert.Equal("ami-0bbbbbbbbbbbbbbbb", version.LaunchTemplateData.ImageId);
    }

    [Fact]
    public async Task A_missing_template_surfaces_the_ec2_error()
    {
        var templates = new Ec2LaunchTemplates(_aws.Ec2, _aws.Pipeline);

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            templates.GetImageIdAsync(new LaunchTemplateRef(null, "no-such-template", LaunchTemplateRef.Latest), CancellationToken.None));

        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
    }
}
