package io.evalbatch.distribute;

import javax.sql.DataSource;

import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The queue of partition requests of distributed runs: a Spring Integration channel whose messages
 * live in evalbatch's own PostgreSQL (table {@code int_channel_message}), so that runs and workers
 * on any machine that reaches the database meet without a broker. Taking a message locks its row
 * ({@code FOR UPDATE SKIP LOCKED}) and deletes it in the taker's transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchIntegration
public class PartitionQueue {

    static final String REGION = "evalbatch";

    @Bean
    JdbcChannelMessageStore partitionMessageStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        // Messages are deserialized with Java serialization: only a message of a request is accepted.
        store.addAllowedPatterns(GenericMessage.class.getName(), MessageHeaders.class.getName(),
                StepExecutionRequest.class.getName(), "java.util.*", "java.lang.*");
        return store;
    }

    @Bean
    QueueChannel partitionRequests(JdbcChannelMessageStore partitionMessageStore, WorkerSettings settings) {
        return new QueueChannel(new MessageGroupQueue(partitionMessageStore, settings.queue()));
    }
}
