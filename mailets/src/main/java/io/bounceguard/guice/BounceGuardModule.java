package io.bounceguard.guice;

import java.io.FileNotFoundException;
import java.util.Iterator;
import java.util.Properties;

import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

import io.bounceguard.classify.BounceClassifier;
import io.bounceguard.metrics.BounceMetrics;
import io.bounceguard.policy.EventRecorder;
import io.bounceguard.policy.SuppressionList;
import io.bounceguard.policy.SuppressionSystem;
import io.bounceguard.store.BounceStore;
import io.bounceguard.store.StoreSettings;
import io.bounceguard.verp.SignedReturnPath;
import io.bounceguard.verp.VerpSettings;

/**
 * The Guice extension module James loads from {@code conf/extensions.properties}. It reads
 * {@code conf/bounce-guard.properties} once and shares one store, one suppression list and one
 * classifier between our mailets, matchers and WebAdmin routes.
 */
public class BounceGuardModule extends AbstractModule {
    static final String SETTINGS_FILE = "bounce-guard";
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceGuardModule.class);

    @Override
    protected void configure() {
        bind(BounceMetrics.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    StoreSettings storeSettings(PropertiesProvider propertiesProvider, FileSystem fileSystem)
        throws ConfigurationException, FileNotFoundException {
        Properties properties = new Properties();
        java.nio.file.Path workingDirectory = fileSystem.getBasedir().toPath();
        try {
            Configuration configuration = propertiesProvider.getConfiguration(SETTINGS_FILE);
            Iterator<String> keys = configuration.getKeys();
            while (keys.hasNext()) {
                String key = keys.next();
                properties.setProperty(key, String.join(",", configuration.getList(String.class, key)));
            }
        } catch (FileNotFoundException e) {
            LOGGER.info("No {}.properties in conf/: using the embedded H2 store under the working directory", SETTINGS_FILE);
        }
        return StoreSettings.fromProperties(properties, workingDirectory);
    }

    @Provides
    @Singleton
    SuppressionSystem suppressionSystem(StoreSettings settings) {
        SuppressionSystem system = SuppressionSystem.open(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bounce-guard-close"));
        return system;
    }

    @Provides
    BounceStore bounceStore(SuppressionSystem system) {
        return system.store();
    }

    @Provides
    EventRecorder eventRecorder(SuppressionSystem system) {
        return system.recorder();
    }

    @Provides
    SuppressionList suppressionList(SuppressionSystem system) {
        return system.suppressionList();
    }

    @Provides
    @Singleton
    SignedReturnPath signedReturnPath(StoreSettings settings) {
        VerpSettings verp = VerpSettings.from(settings);
        LOGGER.info("Signed return path: {}", verp);
        return new SignedReturnPath(verp);
    }

    @Provides
    @Singleton
    BounceClassifier bounceClassifier() {
        return BounceClassifier.withDefaultRules();
    }
}
