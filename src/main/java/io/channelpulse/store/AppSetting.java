package io.channelpulse.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One app-wide value of the settings table; {@link Settings#getOrCreate} is how it is made and read. */
@Entity
@Table(name = "settings")
class AppSetting extends PanacheEntityBase {

    @Id
    @Column(name = "key")
    public String name;

    @Column(name = "value")
    public String content;

    /**
     * Stores the setting unless one of that name exists; true if this call stored it. An insert that meets another
     * transaction's uncommitted one of the same name waits for it, then does nothing.
     */
    static boolean insertIfAbsent(String name, String content) {
        return getEntityManager()
                .createQuery("insert into AppSetting (name, content) values (:name, :content) on conflict do nothing")
                .setParameter("name", name)
                .setParameter("content", content)
                .executeUpdate() == 1;
    }
}
