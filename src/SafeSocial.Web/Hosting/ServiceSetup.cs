using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;
using SafeSocial.Web.Security;

namespace SafeSocial.Web.Hosting;

public static class ServiceSetup
{
    public static void AddSafeSocial(this WebApplicationBuilder builder, string connectionString, VaultMasterKey? masterKey)
    {
        var services = builder.Services;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<OrganisationScope>();
        services.AddScoped<AuditContext>();
        // The options are built once: built per request (the default), they cost about 3% of a page's processor time.
        services.AddDbContext<SafeSocialDb>(o => o.UseNpgsql(WithPreparedStatements(connectionString)), optionsLifetime: ServiceLifetime.Singleton);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        // Keys for cookies, anti-forgery and the credential vault live in the database, encrypted by the master key:
        // every server shares them, and a copy of the database alone opens nothing. Commands that need no secret run without it.
        var protection = services.AddDataProtection().SetApplicationName("SafeSocial");
        if (masterKey is null) protection.WithoutMasterKey(); else protection.PersistKeysToSafeSocialDatabase(connectionString, masterKey);
        services.AddScoped<CurrentPerson>().AddScoped<Navigation.OrganisationMenu>();
        services.AddCoreServices();
        services.AddScoped<SafeSocial.Core.Demo.DemoSeeder>();
        Import.ImportSetup.AddRosterImport(services, DatabaseSetup.DataFolder(builder.Configuration));

        AddSignIn(services);
        builder.AddWebSecurity();
        services.AddParentPortalSignIn();
        AddAuthorization(services);
        AddMail(builder);
        Takedowns.TakedownSetup.AddTakedownCheck(services, builder.Configuration);
        Accounts.AccountCheckSetup.AddAccountCheck(services, builder.Configuration);
        Mail.CustodyNoticeRetryService.AddCustodyNoticeEmails(services, builder.Configuration);
        services.AddUnlessTurnedOff<VaultReencryptionService>(builder.Configuration, VaultReencryptionService.EnabledSetting);
        services.AddCredentialRateLimit(builder.Configuration);
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RunningSiteMarker>(sp, connectionString));

        services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/").DevelopmentOnly("/Dev", builder.Environment))
            .AddMvcOptions(o => o.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(_ => "Enter a value"));
    }

    /// <summary>
    /// Every page runs the same few queries: prepared once per connection, PostgreSQL stops planning them again.
    /// SafeSocial keeps no session state on a connection, so it skips the reset round trip each time one is reused.
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (b.MaxAutoPrepare == 0) (b.MaxAutoPrepare, b.AutoPrepareMinUsages) = (100, 2);
        b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(o =>
            {
                // NCSC: length over composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Wrong passwords and codes are throttled (SignInThrottle), never locked: a lock is anyone's to trigger.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<SafeSocialDb>()
            .AddDefaultTokenProviders()
            .AddSignInManager<SafeSocialSignInManager>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Cookie.Name = "safesocial";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Events.OnValidatePrincipal = SessionCookie.CheckedBefore(o.Events.OnValidatePrincipal);
        });
        // A changed password or role is noticed within a minute; signing out ends a session at once (SessionCookie).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = RecentTwoFactor.KeepOnRefreshAsync;
        });
        services.AddScoped<CustodyGate>().AddScoped<SignInChecks>();
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AppUserClaimsFactory>();
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddAuthorization(o =>
        {
            o.AddPolicy(RequireMembershipAttribute.PolicyName, p => p.RequireAuthenticatedUser().AddRequirements(new OrganisationRequirement(null)));
            foreach (var permission in Enum.GetValues<Permission>())
                o.AddPolicy(RequirePermissionAttribute.PolicyName(permission),
                    p => p.RequireAuthenticatedUser().AddRequirements(new OrganisationRequirement(permission)));
        });
        services.AddScoped<IAuthorizationHandler, OrganisationAuthorizationHandler>();
        services.AddScoped<IAuthorizationMiddlewareResultHandler, NotFoundForOtherOrganisations>();
    }

    private static void AddMail(WebApplicationBuilder builder)
    {
        var smtp = builder.Configuration.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        if (!string.IsNullOrWhiteSpace(smtp.Host))
            builder.Services.AddSingleton<IMailSender>(new SmtpMailSender(smtp));
        else
            builder.Services.AddSingleton(sp => new FolderMailSender(
                Path.Combine(DatabaseSetup.DataFolder(builder.Configuration), "mail"), sp.GetRequiredService<TimeProvider>()))
                .AddSingleton<IMailSender>(sp => sp.GetRequiredService<FolderMailSender>());
        builder.Services.AddSingleton<MailOutbox>().AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        builder.Services.AddSingleton<CampaignMailQueue>().AddHostedService(sp => sp.GetRequiredService<CampaignMailQueue>());
        builder.Services.AddSingleton<ParentLinkRateLimit>();
    }
}
