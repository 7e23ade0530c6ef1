package io.evalbatch.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The web side, in the {@code serve} profile only: other commands build no template engine and
 * start no server. Thymeleaf is set up here rather than by Boot's auto-configuration for that
 * reason.
 */
@Configuration(proxyBeanMethods = false)
@Profile(WebConfiguration.PROFILE)
public class WebConfiguration implements WebMvcConfigurer {

    public static final String PROFILE = "serve";

    @Bean
    SpringTemplateEngine webTemplateEngine(ApplicationContext context) {
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(context);
        resolver.setPrefix("classpath:/io/evalbatch/web/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    @Bean
    ThymeleafViewResolver webViewResolver(SpringTemplateEngine webTemplateEngine) {
        ThymeleafViewResolver resolver = new ThymeleafViewResolver();
        resolver.setTemplateEngine(webTemplateEngine);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setContentType("text/html; charset=UTF-8");
        return resolver;
    }

    /** The pages' one script, from the classpath; everything else a page needs is inline. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/evalbatch.js").addResourceLocations("classpath:/io/evalbatch/web/static/");
    }

    /**
     * Scripts only from evalbatch itself and no request to any other origin, whatever a page
     * holds: a second guard behind the escaping of model output.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                        + "form-action 'self'; frame-ancestors 'none'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Binds the serve settings while the web server is being made, before it starts: a setting
     * that cannot be used is then one line from the command (exit 2), not first a report of a web
     * server that failed to start, as when the filters below bind them.
     */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.web.server.WebServerFactory>
            settingsBeforeTheServer(ServeSettings settings) {
        return factory -> { };
    }

    /** First of all, before any query: without the token a client learns nothing. Off without a token (loopback). */
    @Bean
    FilterRegistrationBean<ServeToken> serveToken(ServeSettings settings) {
        String token = settings.token();
        FilterRegistrationBean<ServeToken> registration = new FilterRegistrationBean<>(
                new ServeToken(token == null ? "" : token));
        registration.addUrlPatterns("/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(token != null);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ReadOnlyRequests> readOnlyRequests(PlatformTransactionManager transactions) {
        FilterRegistrationBean<ReadOnlyRequests> registration = new FilterRegistrationBean<>(new ReadOnlyRequests(transactions));
        registration.addUrlPatterns("/*");
        return registration;
    }
}
